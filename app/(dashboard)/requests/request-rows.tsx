'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import type { MouseEvent } from 'react';
import { type RequestSort, type RequestSortKey, parseRequestSort, requestSort } from '@/lib/domain/request-list';
import type { RequestView } from '@/lib/requests/views';
import { ActorName } from '../../_components/actor-name';
import { LocalTime } from '../../_components/local-time';
import { PortChangeList } from '../../_components/port-changes';
import { StatusBadge } from '../../_components/status-badge';

type RowsProps = {
  items: RequestView[];
  tenantNames: ReadonlyMap<string, string>;
  sort: RequestSort;
  onSort: (sort: RequestSort) => void;
};

// Dates read newest first, names and statuses from the start: the first click on a column sorts so.
const FIRST_DIRECTION_DESCENDING: Record<RequestSortKey, boolean> = {
  created: true,
  updated: true,
  status: false,
  tenant: false,
  case: false,
  requester: false,
};

const href = (request: RequestView) => `/requests/${request.id}`;

/**
 * The link that opens a request: its case number (or "case pending"), with the tenant and creation
 * time for a screen reader's list of links, where a row's other cells are not read with it.
 */
function RequestLink({ request, tenantName, className }: { request: RequestView; tenantName: string; className: string }) {
  const t = useTranslations('requestList');
  const format = useFormatter();
  return (
    <Link href={href(request)} className={className}>
      {request.caseNumber ?? t('casePending')}
      <span className="sr-only">
        {' '}
        {t('linkContext', { tenant: tenantName, created: format.dateTime(new Date(request.createdAt), 'dateTime') })}
      </span>
    </Link>
  );
}

function Decision({ request }: { request: RequestView }) {
  const t = useTranslations('requestList');
  if (!request.decision) return <span className="text-zinc-500 dark:text-zinc-400">{t('none')}</span>;
  return (
    <>
      <span className="break-words">
        <ActorName actor={request.decision.by} />
      </span>
      <span className="block text-xs text-zinc-600 dark:text-zinc-400">
        <LocalTime iso={request.decision.at} />
      </span>
    </>
  );
}

function TemporaryUntil({ request }: { request: RequestView }) {
  const t = useTranslations('requestList');
  return request.revertAt ? <LocalTime iso={request.revertAt} /> : <span className="text-zinc-500 dark:text-zinc-400">{t('none')}</span>;
}

/**
 * From a wide screen up (1280 px): a table whose rows open their request on a click anywhere; the case cell
 * holds the row's one link, for the keyboard and for opening in a new tab.
 */
export function RequestsTable({ items, tenantNames, sort, onSort }: RowsProps) {
  const t = useTranslations('requestList');
  const router = useRouter();
  const current = parseRequestSort(sort);

  function open(event: MouseEvent<HTMLTableRowElement>, request: RequestView) {
    // The link itself, a modified click (new tab) or selecting text is not a row click.
    if ((event.target as HTMLElement).closest('a') || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    if (window.getSelection()?.toString()) return;
    router.push(href(request));
  }

  function sortableHeader(sortKey: RequestSortKey, label: string) {
    const active = current.key === sortKey;
    const descending = active ? !current.descending : FIRST_DIRECTION_DESCENDING[sortKey];
    return (
      <th scope="col" className="px-3 py-3" aria-sort={active ? (current.descending ? 'descending' : 'ascending') : undefined}>
        <button
          type="button"
          onClick={() => onSort(requestSort(sortKey, descending))}
          className="inline-flex items-center gap-1 text-left uppercase tracking-wide hover:text-zinc-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:hover:text-zinc-100"
        >
          {label}
          <span aria-hidden="true" className={active ? 'text-zinc-900 dark:text-zinc-100' : 'text-zinc-400 dark:text-zinc-500'}>
            {active ? (current.descending ? '↓' : '↑') : '↕'}
          </span>
        </button>
      </th>
    );
  }

  return (
    <div className="hidden rounded-lg border border-zinc-200 bg-white xl:block dark:border-zinc-700 dark:bg-zinc-900">
      <table className="w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-700">
        <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
          <tr>
            {sortableHeader('case', t('column.case'))}
            {sortableHeader('tenant', t('column.tenant'))}
            <th scope="col" className="px-3 py-3">
              {t('column.changes')}
            </th>
            {sortableHeader('status', t('column.status'))}
            {sortableHeader('created', t('column.created'))}
            <th scope="col" className="px-3 py-3">
              {t('column.temporaryUntil')}
            </th>
            {sortableHeader('requester', t('column.requestedBy'))}
            <th scope="col" className="px-3 py-3">
              {t('column.decidedBy')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map((request) => {
            const tenantName = tenantNames.get(request.tenantId) ?? request.tenantId;
            return (
              <tr
                key={request.id}
                onClick={(event) => open(event, request)}
                className="cursor-pointer align-top hover:bg-indigo-50/60 focus-within:bg-indigo-50/60 dark:hover:bg-indigo-950/50 dark:focus-within:bg-indigo-950/50"
              >
                <td className="min-w-36 px-3 py-3">
                  <RequestLink
                    request={request}
                    tenantName={tenantName}
                    className="font-medium tabular-nums text-indigo-700 underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-300"
                  />
                  <p className="mt-1 line-clamp-2 max-w-64 [overflow-wrap:anywhere] text-zinc-600 dark:text-zinc-400">{request.reason}</p>
                </td>
                <td className="min-w-32 px-3 py-3 [overflow-wrap:anywhere]">{tenantName}</td>
                <td className="px-3 py-3">
                  <PortChangeList changes={request.changes} />
                </td>
                <td className="px-3 py-3">
                  <StatusBadge status={request.status} />
                  <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                    {t('updated')} <LocalTime iso={request.updatedAt} />
                  </span>
                </td>
                <td className="px-3 py-3 tabular-nums">
                  <LocalTime iso={request.createdAt} />
                </td>
                <td className="px-3 py-3 tabular-nums">
                  <TemporaryUntil request={request} />
                </td>
                <td className="px-3 py-3 break-words text-zinc-700 dark:text-zinc-300">{request.requestedBy}</td>
                <td className="px-3 py-3 text-zinc-700 dark:text-zinc-300">
                  <Decision request={request} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Below a wide screen (1280 px): one card per request, the whole card a link (its case number's, stretched). */
export function RequestCards({ items, tenantNames }: Pick<RowsProps, 'items' | 'tenantNames'>) {
  const t = useTranslations('requestList');
  return (
    <ul className="grid gap-3 md:grid-cols-2 xl:hidden">
      {items.map((request) => {
        const tenantName = tenantNames.get(request.tenantId) ?? request.tenantId;
        return (
          <li
            key={request.id}
            className="relative rounded-lg border border-zinc-200 bg-white p-4 text-sm hover:bg-indigo-50/60 focus-within:ring-2 focus-within:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-indigo-950/50"
          >
            <div className="flex items-start justify-between gap-3">
              <RequestLink
                request={request}
                tenantName={tenantName}
                className="font-medium tabular-nums text-indigo-700 focus:outline-none after:absolute after:inset-0 after:content-[''] dark:text-indigo-300"
              />
              <StatusBadge status={request.status} />
            </div>
            <p className="mt-1 font-medium text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-100">{tenantName}</p>
            <p className="mt-1 line-clamp-2 [overflow-wrap:anywhere] text-zinc-600 dark:text-zinc-400">{request.reason}</p>
            <div className="mt-2">
              <PortChangeList changes={request.changes} inline />
            </div>
            <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
              <dt className="text-zinc-600 dark:text-zinc-400">{t('column.created')}</dt>
              <dd className="tabular-nums">
                <LocalTime iso={request.createdAt} />
              </dd>
              <dt className="text-zinc-600 dark:text-zinc-400">{t('column.temporaryUntil')}</dt>
              <dd className="tabular-nums">
                <TemporaryUntil request={request} />
              </dd>
              <dt className="text-zinc-600 dark:text-zinc-400">{t('column.requestedBy')}</dt>
              <dd className="[overflow-wrap:anywhere]">{request.requestedBy}</dd>
              <dt className="text-zinc-600 dark:text-zinc-400">{t('column.decidedBy')}</dt>
              <dd>
                <Decision request={request} />
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
