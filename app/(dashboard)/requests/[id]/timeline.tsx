import { type RequestStatus, STATUS_LABELS } from '@/lib/domain/lifecycle';
import type { PortChanges } from '@/lib/domain/ports';
import type { AuditView, HistoryEntry } from '@/lib/requests/views';
import { describeChanges, formatActor, formatDateTime, formatNumber } from '../../../_components/format';

const ACTION_LABELS: Record<string, string> = {
  submitted: 'Submitted',
  auto_approve: 'Approved automatically',
  request_information: 'More information requested',
  submit_for_review: 'Sent for review',
  add_information: 'Information added',
  approve: 'Approved',
  reject: 'Rejected',
  cancel: 'Cancelled',
  revert: 'Reverted',
  revert_blocked: 'Revert held back',
};

const DETAIL_LABELS: Record<string, string> = {
  changes: 'Changes',
  threshold: 'Daily threshold',
  usedToday: 'Already approved today',
  concurrentIncrease: 'Concurrent increase',
  justification: 'Justification',
  comment: 'Comment',
};

function humanize(key: string): string {
  const spaced = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function stateLabel(state: string | null): string | null {
  if (!state) return null;
  return STATUS_LABELS[state as RequestStatus] ?? humanize(state);
}

function detailValue(key: string, value: unknown): string {
  if (key === 'changes' && value && typeof value === 'object') {
    return describeChanges(value as PortChanges).join(', ') || 'No change';
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

const CASE_LABELS: Record<'open' | 'comment' | 'close', string> = {
  open: 'Salesforce case opened',
  comment: 'Comment added to the case',
  close: 'Salesforce case closed',
};
const CASE_STATES: Record<'sent' | 'waiting' | 'failed', string> = {
  sent: 'sent',
  waiting: 'waiting to be sent',
  failed: 'could not be sent; an Account Representative is told',
};
const EMAIL_STATES: Record<'pending' | 'sent' | 'failed' | 'skipped', string> = {
  pending: 'e-mail waiting to be sent',
  sent: 'e-mailed',
  failed: 'e-mail failed',
  skipped: 'in the app only',
};

function Dot({ tone }: { tone: 'primary' | 'muted' }) {
  const colour = tone === 'primary' ? 'bg-indigo-500 ring-indigo-200' : 'bg-zinc-300 ring-zinc-100';
  return <span aria-hidden="true" className={`absolute -left-[1.9rem] top-1.5 h-3 w-3 rounded-full border-2 border-white ring-1 ${colour}`} />;
}

function AuditItem({ event }: { event: AuditView }) {
  const from = stateLabel(event.fromState);
  const to = stateLabel(event.toState);
  const details = Object.entries(event.details ?? {});
  return (
    <>
      <Dot tone="primary" />
      <p className="text-sm font-medium text-zinc-900">{ACTION_LABELS[event.action] ?? humanize(event.action)}</p>
      <p className="text-xs text-zinc-500">
        {formatActor(event.actor)} · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </p>
      {from || to ? (
        <p className="mt-1 text-sm text-zinc-700">
          {from ?? 'Start'} → {to ?? '—'}
        </p>
      ) : null}
      {details.length > 0 ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {details.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500">{DETAIL_LABELS[key] ?? humanize(key)}</dt>
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
  if (entries.length === 0) return <p className="text-sm text-zinc-500">No events recorded yet.</p>;
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
                {entry.type === 'case' ? CASE_LABELS[entry.operation] : `Notified ${entry.recipient}: ${entry.subject}`}
              </p>
              <p className="text-xs text-zinc-500">
                {entry.type === 'case' ? CASE_STATES[entry.state] : EMAIL_STATES[entry.email]} ·{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </p>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
