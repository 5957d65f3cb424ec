'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { REQUEST_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import type { ApiError } from '@/lib/hooks/fetch-json';
import { type RequestFilters, type RequestPage, useRequests } from '@/lib/hooks/use-requests';
import { LocalTime } from '../../_components/local-time';
import { PortChangeList } from '../../_components/port-changes';
import { StatusBadge } from '../../_components/status-badge';

type TenantOption = { id: string; name: string };

const selectClass =
  'mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500';

export function RequestsList({
  tenants,
  initialFilters,
  firstPage,
}: {
  tenants: TenantOption[];
  initialFilters: RequestFilters;
  firstPage: RequestPage;
}) {
  const t = useTranslations('requests');
  const tStatus = useTranslations('common.status');
  const tErrors = useTranslations('errors');
  const [filters, setFilters] = useState<RequestFilters>(initialFilters);
  const unchanged = filters.tenantId === initialFilters.tenantId && filters.status === initialFilters.status;
  const { items, error, isLoading, isLoadingMore, isRefreshing, hasMore, loadMore, refresh } = useRequests(
    filters,
    unchanged ? firstPage : undefined,
  );
  const names = new Map(tenants.map((tenant) => [tenant.id, tenant.name]));

  function update(next: RequestFilters) {
    setFilters(next);
    // Keep the filters in the address bar so that a reload or a shared link shows the same list.
    const params = new URLSearchParams();
    if (next.tenantId) params.set('tenant', next.tenantId);
    if (next.status) params.set('status', next.status);
    const search = params.toString();
    window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
  }

  /** The server's sentence is already in the reader's language; what it could not say, the catalogue does. */
  function describe(problem: ApiError): string {
    if (problem.status === 401) return tErrors('unauthenticated', { via: 'cookie' });
    return problem.worded ? problem.message : t('list.serverUnreachable');
  }

  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="sr-only">
        {t('list.heading')}
      </h2>
      <div className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto]">
        <div>
          <label htmlFor="filter-tenant" className="text-sm font-medium text-zinc-700">
            {t('list.tenant')}
          </label>
          <select
            id="filter-tenant"
            className={selectClass}
            value={filters.tenantId ?? ''}
            onChange={(event) => update({ ...filters, tenantId: event.target.value || undefined })}
          >
            <option value="">{t('list.allTenants')}</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className="text-sm font-medium text-zinc-700">
            {t('list.status')}
          </label>
          <select
            id="filter-status"
            className={selectClass}
            value={filters.status ?? ''}
            onChange={(event) =>
              update({ ...filters, status: (event.target.value || undefined) as RequestStatus | undefined })
            }
          >
            <option value="">{t('list.allStatuses')}</option>
            {REQUEST_STATUSES.map((status) => (
              <option key={status} value={status}>
                {tStatus(status)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button
            type="button"
            onClick={() => refresh()}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 lg:w-auto"
          >
            {t('list.refresh')}
          </button>
        </div>
      </div>

      <div aria-live="polite" className="mb-2 min-h-5 text-sm">
        {error ? (
          <p className="text-rose-700">
            {t('list.loadError', { message: describe(error) })}{' '}
            {error.status === 401 ? (
              <Link href="/signin" className="font-medium underline">
                {t('list.signIn')}
              </Link>
            ) : (
              <button type="button" onClick={() => refresh()} className="font-medium underline">
                {t('list.tryAgain')}
              </button>
            )}
          </p>
        ) : isLoading ? (
          <p className="text-zinc-600">{t('list.loading')}</p>
        ) : isRefreshing ? (
          <p className="text-zinc-500">{t('list.updating')}</p>
        ) : (
          <p className="text-zinc-500">
            {items.length === 0
              ? t('list.empty')
              : t('list.showing', { count: items.length, more: hasMore ? 'yes' : 'no' })}
          </p>
        )}
      </div>

      {items.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="min-w-full divide-y divide-zinc-200 text-sm">
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="px-4 py-3">{t('list.column.created')}</th>
                <th scope="col" className="px-4 py-3">{t('list.column.tenant')}</th>
                <th scope="col" className="px-4 py-3">{t('list.column.changes')}</th>
                <th scope="col" className="px-4 py-3">{t('list.column.status')}</th>
                <th scope="col" className="px-4 py-3">{t('list.column.case')}</th>
                <th scope="col" className="px-4 py-3">{t('list.column.requestedBy')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((request) => (
                <tr key={request.id} className="align-top hover:bg-zinc-50">
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link
                      href={`/requests/${request.id}`}
                      className="font-medium text-indigo-700 underline-offset-4 hover:underline"
                    >
                      <LocalTime iso={request.createdAt} />
                    </Link>
                  </td>
                  <td className="px-4 py-3">{names.get(request.tenantId) ?? request.tenantId}</td>
                  <td className="px-4 py-3 tabular-nums">
                    <PortChangeList changes={request.changes} />
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={request.status} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums">
                    {request.caseNumber ?? <span className="text-zinc-500">{t('casePending')}</span>}
                  </td>
                  <td className="px-4 py-3 text-zinc-700">{request.requestedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {hasMore ? (
        <div className="mt-4 flex justify-center">
          <button
            type="button"
            onClick={() => loadMore()}
            disabled={isLoadingMore}
            className="rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 disabled:cursor-wait disabled:opacity-60"
          >
            {isLoadingMore ? t('list.loadingMore') : t('list.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
