import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { LocalTime } from '../../../_components/local-time';
import { PortChangeList } from '../../../_components/port-changes';
import { StatusBadge } from '../../../_components/status-badge';
import type { TenantUsageView } from '@/lib/usage/tenant-usage-view';

const linkClass = 'font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300';

/**
 * The tenant's latest requests, newest first, rendered on the server (the requests page, with its
 * filters and paging, is one link away, already filtered to this tenant).
 */
export function TenantRequests({ view }: { view: TenantUsageView }) {
  const t = useTranslations('usage.requests');
  const tList = useTranslations('requestList');
  const format = useFormatter();
  const { items, total, totalExact } = view.requests;
  return (
    <section aria-labelledby="tenant-requests-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="tenant-requests-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
          {t('heading')}
        </h2>
        {total > 0 ? (
          <Link href={`/requests?tenantId=${encodeURIComponent(view.tenant.id)}`} className={`${linkClass} text-sm`}>
            {t('all', { total, exact: totalExact ? 'yes' : 'no' })}
          </Link>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{t('none')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white text-sm text-zinc-900 dark:divide-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
          {items.map((request) => (
            <li key={request.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
              <Link href={`/requests/${request.id}`} className={`${linkClass} tabular-nums sm:w-32`}>
                {request.caseNumber ?? tList('casePending')}
                <span className="sr-only">
                  {' '}
                  {tList('linkContext', { tenant: view.tenant.name, created: format.dateTime(new Date(request.createdAt), 'dateTime') })}
                </span>
              </Link>
              <span className="sm:w-32">
                <StatusBadge status={request.status} />
              </span>
              <span className="min-w-0 flex-1">
                <PortChangeList changes={request.changes} inline />
                <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{request.reason}</span>
              </span>
              <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                <LocalTime iso={request.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
