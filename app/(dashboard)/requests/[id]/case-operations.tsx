import { useTranslations } from 'next-intl';
import type { CaseOperationView } from '@/lib/salesforce/case-operation-views';
import { LocalTime } from '../../../_components/local-time';
import { UNEXPECTED_DELIVERY_ERROR } from '@/lib/jobs/outbox-retry';

const STATE_STYLES: Record<CaseOperationView['state'], string> = {
  queued: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  sent: 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  retrying: 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  failed: 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300',
};

/** For reps: each message to Salesforce about this request, and whether it got there. */
export function CaseOperations({ operations }: { operations: CaseOperationView[] }) {
  const t = useTranslations('requests.caseOperations');
  if (operations.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('empty')}</p>;
  return (
    <ol className="space-y-3">
      {operations.map((operation) => {
        return (
          <li key={operation.id} className="text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{t(`kind.${operation.kind}`)}</span>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_STYLES[operation.state]}`}>
                {t(`state.${operation.state}`)}
              </span>
            </div>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {operation.sentAt
                ? t.rich('sentAt', { at: () => <LocalTime iso={operation.sentAt!} /> })
                : t.rich('queuedAt', { at: () => <LocalTime iso={operation.createdAt} /> })}
              {operation.attempts > 1 || operation.state !== 'sent' ? (
                <> · {t('attempts', { count: operation.attempts })}</>
              ) : null}
              {operation.state === 'retrying' && operation.nextAttemptAt ? (
                <> · {t.rich('nextAttempt', { at: () => <LocalTime iso={operation.nextAttemptAt!} /> })}</>
              ) : null}
            </p>
            {operation.lastError ? (
              <p className="mt-1 break-words text-xs text-zinc-700 dark:text-zinc-300">
                <span className="font-medium">{operation.state === 'failed' ? t('failedReason') : t('lastError')}</span>{' '}
                {operation.lastError === UNEXPECTED_DELIVERY_ERROR ? t('unexpectedError') : operation.lastError}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
