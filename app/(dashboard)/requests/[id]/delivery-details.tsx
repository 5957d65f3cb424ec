import { useTranslations } from 'next-intl';
import type { HistoryEntry } from '@/lib/requests/views';
import type { CaseOperationView } from '@/lib/salesforce/case-operation-views';
import { LocalTime } from '../../../_components/local-time';
import { CaseOperations } from './case-operations';

/**
 * For reps, folded under the timeline: how SSPM delivered the request's events, the messages to the
 * Salesforce case (with their errors) and the notifications and e-mails. Open from the start when a
 * case message is not getting through.
 */
export function DeliveryDetails({ history, operations }: { history: HistoryEntry[]; operations: CaseOperationView[] }) {
  const t = useTranslations('requests.delivery');
  const tTimeline = useTranslations('requests.timeline');
  const tNotifications = useTranslations('notifications');
  const notifications = history.flatMap((entry) => (entry.type === 'notification' ? [entry] : []));
  const troubled = operations.some((operation) => operation.state === 'failed' || operation.state === 'retrying');
  return (
    <details open={troubled} className="mt-5 border-t border-zinc-200 pt-4 dark:border-zinc-700">
      <summary className="cursor-pointer text-sm font-medium text-indigo-800 underline-offset-4 hover:underline dark:text-indigo-300">
        {t('summary', { messages: operations.length, notifications: notifications.length })}
      </summary>
      <div className="mt-4 space-y-5">
        <section aria-labelledby="case-messages-heading">
          <h3 id="case-messages-heading" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {t('caseMessages')}
          </h3>
          <CaseOperations operations={operations} />
        </section>
        <section aria-labelledby="notifications-heading">
          <h3 id="notifications-heading" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {t('notifications')}
          </h3>
          {notifications.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('noNotifications')}</p>
          ) : (
            <ol className="space-y-2">
              {notifications.map((entry) => (
                <li key={entry.key} className="text-sm">
                  <p className="break-words text-zinc-800 dark:text-zinc-200">
                    {tTimeline('notified', { recipient: entry.recipient, subject: tNotifications(`kind.${entry.kind}.title`) })}
                  </p>
                  <p className="text-xs text-zinc-600 dark:text-zinc-400">
                    {tTimeline(`email.${entry.email}`)} · <LocalTime iso={entry.at} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </details>
  );
}
