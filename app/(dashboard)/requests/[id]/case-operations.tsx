import type { CaseOperationView } from '@/lib/salesforce/case-operation-views';
import { formatDateTime, plural } from '../../../_components/format';

const KIND_LABELS: Record<CaseOperationView['kind'], string> = {
  open: 'Open the case',
  comment: 'Add a comment',
  close: 'Close the case',
};

const STATE_STYLES: Record<CaseOperationView['state'], { label: string; className: string }> = {
  queued: { label: 'Queued', className: 'bg-zinc-100 text-zinc-700' },
  sent: { label: 'Sent', className: 'bg-emerald-50 text-emerald-800' },
  retrying: { label: 'Retrying', className: 'bg-amber-50 text-amber-900' },
  failed: { label: 'Failed permanently', className: 'bg-red-50 text-red-800' },
};

/** For reps: each message to Salesforce about this request, and whether it got there. */
export function CaseOperations({ operations }: { operations: CaseOperationView[] }) {
  if (operations.length === 0) return <p className="text-sm text-zinc-500">No messages to the case desk.</p>;
  return (
    <ol className="space-y-3">
      {operations.map((operation) => {
        const style = STATE_STYLES[operation.state];
        return (
          <li key={operation.id} className="text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium text-zinc-900">{KIND_LABELS[operation.kind]}</span>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${style.className}`}>{style.label}</span>
            </div>
            <p className="text-xs text-zinc-500">
              {operation.sentAt
                ? `Sent ${formatDateTime(operation.sentAt)}`
                : `Queued ${formatDateTime(operation.createdAt)}`}
              {operation.attempts > 1 || operation.state !== 'sent' ? ` · ${plural(operation.attempts, 'attempt')}` : ''}
              {operation.state === 'retrying' && operation.nextAttemptAt
                ? ` · next attempt ${formatDateTime(operation.nextAttemptAt)}`
                : ''}
            </p>
            {operation.lastError ? (
              <p className="mt-1 break-words text-xs text-zinc-700">
                <span className="font-medium">{operation.state === 'failed' ? 'Reason' : 'Last error'}:</span> {operation.lastError}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
