import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { REQUEST_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import { type PortChanges, isPortType } from '@/lib/domain/ports';
import { type RevertBlockedReason as Reason, parseRevertBlockedReason } from '@/lib/domain/revert';
import type { AuditView, HistoryEntry } from '@/lib/requests/views';
import { ActorName } from '../../../_components/actor-name';
import { LocalTime } from '../../../_components/local-time';
import { PortChangeList } from '../../../_components/port-changes';
import { RevertBlockedReason } from '../../../_components/revert-blocked-reason';

/** The lifecycle events the catalogue words (`requests.event.*`); any other action shows its code. */
const EVENTS = [
  'submitted',
  'auto_approve',
  'request_information',
  'submit_for_review',
  'add_information',
  'approve',
  'reject',
  'cancel',
  'revert',
  'revert_blocked',
] as const;
type EventName = (typeof EVENTS)[number];
const isEvent = (action: string): action is EventName => (EVENTS as readonly string[]).includes(action);

const DETAILS = ['changes', 'restored', 'threshold', 'usedToday', 'concurrentIncrease', 'justification', 'comment', 'reason'] as const;
type DetailName = (typeof DETAILS)[number];
const isDetail = (key: string): key is DetailName => (DETAILS as readonly string[]).includes(key);

const isStatus = (state: string): state is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(state);

/** `{ concurrent: { from, to } }` as the audit stores it, else null. */
function asPortChanges(value: unknown): PortChanges | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  const valid = entries.every(
    ([type, change]) =>
      isPortType(type) &&
      typeof change === 'object' &&
      change !== null &&
      typeof (change as { from?: unknown }).from === 'number' &&
      typeof (change as { to?: unknown }).to === 'number',
  );
  return valid ? (value as PortChanges) : null;
}

/** A revert_blocked reason as the audit stores it: a code (read like the request row's), or an older sentence. */
function asRevertBlockedReason(value: unknown): Reason | string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'code' in value) return parseRevertBlockedReason(JSON.stringify(value));
  return null;
}

/**
 * Who the event is attributed to. Holding a request for information is SSPM's doing (the daily
 * threshold), not the requester's, though the audit records the requester's submission as its actor;
 * the scheduled jobs (`system:…`) are SSPM too.
 */
function actorOf(event: AuditView): string {
  if (event.action === 'request_information' || event.actor.startsWith('system:')) return 'system';
  return event.actor;
}

function Dot({ tone }: { tone: 'primary' | 'muted' }) {
  const colour = tone === 'primary' ? 'bg-indigo-500 ring-indigo-200' : 'bg-zinc-300 ring-zinc-100';
  return <span aria-hidden="true" className={`absolute -left-[1.9rem] top-1.5 h-3 w-3 rounded-full border-2 border-white ring-1 ${colour}`} />;
}

function AuditItem({ event }: { event: AuditView }) {
  const t = useTranslations('requests');
  const tStatus = useTranslations('common.status');
  const format = useFormatter();
  const state = (value: string | null): string | null => (value === null ? null : isStatus(value) ? tStatus(value) : value);
  const from = state(event.fromState);
  const to = state(event.toState);

  function detailValue(key: string, value: unknown): ReactNode {
    if (key === 'changes' || key === 'restored') {
      const changes = asPortChanges(value);
      if (changes) return <PortChangeList changes={changes} inline />;
    }
    if (key === 'reason') {
      const reason = asRevertBlockedReason(value);
      if (typeof reason === 'string') return reason;
      if (reason) return <RevertBlockedReason reason={reason} />;
    }
    if (typeof value === 'number') return format.number(value);
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return '—';
    return JSON.stringify(value);
  }

  const details = Object.entries(event.details ?? {});
  return (
    <>
      <Dot tone="primary" />
      <p className="text-sm font-medium text-zinc-900">{isEvent(event.action) ? t(`event.${event.action}`) : event.action}</p>
      <p className="text-xs text-zinc-500">
        <ActorName actor={actorOf(event)} /> · <LocalTime iso={event.at} />
      </p>
      {from || to ? (
        <p className="mt-1 text-sm text-zinc-700">
          {from ?? t('timeline.start')} → {to ?? '—'}
        </p>
      ) : null}
      {details.length > 0 ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {details.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500">{isDetail(key) ? t(`timeline.detail.${key}`) : key}</dt>
              <dd className="whitespace-pre-wrap break-words text-zinc-800">{detailValue(key, value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}

/** Everything that happened to a request, oldest first: transitions, case messages and notifications. */
export function Timeline({ entries }: { entries: HistoryEntry[] }) {
  const t = useTranslations('requests.timeline');
  const tNotifications = useTranslations('notifications');
  if (entries.length === 0) return <p className="text-sm text-zinc-500">{t('empty')}</p>;
  return (
    <ol className="relative space-y-5 border-l border-zinc-200 pl-6">
      {entries.map((entry) => (
        <li key={entry.key} className="relative">
          {entry.type === 'audit' ? (
            <AuditItem event={entry.event} />
          ) : (
            <>
              <Dot tone="muted" />
              <p className="text-sm text-zinc-800">
                {entry.type === 'case'
                  ? t(`case.${entry.operation}`)
                  : t('notified', { recipient: entry.recipient, subject: tNotifications(`kind.${entry.kind}.title`) })}
              </p>
              <p className="text-xs text-zinc-500">
                {entry.type === 'case' ? t(`caseState.${entry.state}`) : t(`email.${entry.email}`)} ·{' '}
                <LocalTime iso={entry.at} />
              </p>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
