import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { SYSTEM_ACTOR } from '@/lib/domain/lifecycle';
import { type PortChanges, isPortType } from '@/lib/domain/ports';
import { type RevertBlockedReason as Reason, parseRevertBlockedReason } from '@/lib/domain/revert';
import type { AuditView, HistoryEntry } from '@/lib/requests/views';
import { LocalTime } from '../../../_components/local-time';
import { PortChangeList } from '../../../_components/port-changes';
import { RevertBlockedReason } from '../../../_components/revert-blocked-reason';
import { Actor } from './actor';

/** The business events the catalogue words (`requests.event.*`); any other is "recorded", never its code. */
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

/** The details shown beside an event, in this order; anything else the audit holds is for the log. */
const DETAILS = ['changes', 'restored', 'justification', 'comment', 'reason'] as const;
type DetailName = (typeof DETAILS)[number];

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

/** The daily-threshold check that routed a new request: `{ threshold, usedToday, concurrentIncrease }`. */
function asThresholdCheck(details: Record<string, unknown>): { threshold: number; usedToday: number; increase: number } | null {
  const { threshold, usedToday, concurrentIncrease } = details;
  if (typeof threshold !== 'number' || typeof usedToday !== 'number' || typeof concurrentIncrease !== 'number') return null;
  return { threshold, usedToday, increase: concurrentIncrease };
}

/**
 * Who the event is attributed to. Holding a request for information is SSPM's doing (the daily
 * threshold), not the requester's, though the audit records the requester's submission as its actor;
 * the scheduled jobs (`system:…`) are SSPM too.
 */
function actorOf(event: AuditView): string {
  return event.action === 'request_information' ? SYSTEM_ACTOR : event.actor;
}

function Dot() {
  return (
    <span
      aria-hidden="true"
      className="absolute -left-[1.9rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-indigo-500 ring-1 ring-indigo-200 dark:border-zinc-900 dark:ring-indigo-800"
    />
  );
}

function AuditItem({ event }: { event: AuditView }) {
  const t = useTranslations('requests');
  const format = useFormatter();

  function detailValue(key: DetailName, value: unknown): ReactNode {
    if (key === 'changes' || key === 'restored') {
      const changes = asPortChanges(value);
      return changes ? <PortChangeList changes={changes} inline /> : null;
    }
    if (key === 'reason') {
      const reason = asRevertBlockedReason(value);
      if (typeof reason === 'string') return reason;
      return reason ? <RevertBlockedReason reason={reason} /> : null;
    }
    return typeof value === 'string' && value !== '' ? value : null;
  }

  const details = DETAILS.flatMap((key) => {
    const value = detailValue(key, event.details?.[key]);
    return value === null ? [] : [{ key, value }];
  });
  const thresholdCheck = asThresholdCheck(event.details ?? {});
  return (
    <>
      <Dot />
      <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{isEvent(event.action) ? t(`event.${event.action}`) : t('event.other')}</p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        <Actor actor={actorOf(event)} /> · <LocalTime iso={event.at} />
      </p>
      {thresholdCheck ? (
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          {t('timeline.thresholdCheck', {
            increase: thresholdCheck.increase,
            threshold: thresholdCheck.threshold,
            usedToday: format.number(thresholdCheck.usedToday),
          })}
        </p>
      ) : null}
      {details.length > 0 ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {details.map(({ key, value }) => (
            <div key={key} className="contents">
              <dt className="text-zinc-600 dark:text-zinc-400">{t(`timeline.detail.${key}`)}</dt>
              <dd className="min-w-0 whitespace-pre-wrap break-words text-zinc-800 dark:text-zinc-200">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}

/**
 * What happened to a request, oldest first: its business events (submitted, information requested,
 * approved…). How SSPM delivered them (case messages, e-mails) is apart, for reps (DeliveryDetails).
 */
export function Timeline({ entries }: { entries: HistoryEntry[] }) {
  const t = useTranslations('requests.timeline');
  const events = entries.flatMap((entry) => (entry.type === 'audit' ? [entry] : []));
  if (events.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('empty')}</p>;
  return (
    <ol className="relative ml-1.5 space-y-5 border-l border-zinc-200 pl-6 dark:border-zinc-700">
      {events.map((entry) => (
        <li key={entry.key} className="relative">
          <AuditItem event={entry.event} />
        </li>
      ))}
    </ol>
  );
}
