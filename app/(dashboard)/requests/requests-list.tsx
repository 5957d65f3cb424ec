'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_REQUEST_SORT } from '@/lib/domain/request-list';
import type { ApiError } from '@/lib/hooks/fetch-json';
import { requestFilterParams, requestsCsvUrl } from '@/lib/hooks/requests-key';
import { type RequestFilters, type RequestPage, useRequests } from '@/lib/hooks/use-requests';
import { RequestFiltersForm } from './request-filters';
import { RequestCards, RequestsTable } from './request-rows';

type TenantOption = { id: string; name: string };

const sameFilters = (a: RequestFilters, b: RequestFilters) => requestFilterParams(a).toString() === requestFilterParams(b).toString();

export function RequestsList({
  tenants,
  initialFilters,
  firstPage,
}: {
  tenants: TenantOption[];
  initialFilters: RequestFilters;
  firstPage: RequestPage;
}) {
  const t = useTranslations('requestList');
  const tErrors = useTranslations('errors');
  const [filters, setFilters] = useState<RequestFilters>(initialFilters);
  const { items, total, error, isLoading, isLoadingMore, isRefreshing, hasMore, loadMore, refresh } = useRequests(
    filters,
    sameFilters(filters, initialFilters) ? firstPage : undefined,
  );
  const tenantNames = useMemo(() => new Map(tenants.map((tenant) => [tenant.id, tenant.name])), [tenants]);

  const update = useCallback((next: RequestFilters) => {
    setFilters(next);
    // Keep the filters in the address bar so that a reload or a shared link shows the same list.
    const search = requestFilterParams(next).toString();
    window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
  }, []);

  /** The server's sentence is already in the reader's language; what it could not say, the catalogue does. */
  function describe(problem: ApiError): string {
    if (problem.status === 401) return tErrors('unauthenticated', { via: 'cookie' });
    return problem.worded ? problem.message : t('serverUnreachable');
  }

  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="sr-only">
        {t('heading')}
      </h2>
      <RequestFiltersForm tenants={tenants} filters={filters} onChange={update} />

      <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div aria-live="polite" className="min-h-5 text-sm">
          {error ? (
            <p className="text-rose-700 dark:text-rose-300">
              {t('loadError', { message: describe(error) })}{' '}
              {error.status === 401 ? (
                <Link href="/signin" className="font-medium underline">
                  {t('signIn')}
                </Link>
              ) : (
                <button type="button" onClick={() => refresh()} className="font-medium underline">
                  {t('tryAgain')}
                </button>
              )}
            </p>
          ) : isLoading ? (
            <p className="text-zinc-600 dark:text-zinc-400">{t('loading')}</p>
          ) : isRefreshing ? (
            <p className="text-zinc-600 dark:text-zinc-400">{t('updating')}</p>
          ) : (
            <p className="text-zinc-600 dark:text-zinc-400">{items.length === 0 ? t('empty') : t('showing', { count: items.length, total: total?.count ?? items.length, exact: total?.exact === false ? 'no' : 'yes' })}</p>
          )}
        </div>
        <div className="flex flex-col gap-1 sm:items-end">
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              onClick={() => refresh()}
              className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {t('refresh')}
            </button>
            {/* A plain link: the browser downloads the file itself, streamed, with the session cookie. */}
            <a
              href={requestsCsvUrl(filters)}
              download
              aria-describedby="export-hint"
              className="rounded-md border border-indigo-600 bg-white px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50 dark:border-indigo-400 dark:bg-zinc-900 dark:text-indigo-300 dark:hover:bg-indigo-950"
            >
              {t('export')}
            </a>
          </div>
          <p id="export-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('exportHint', { total: total?.count ?? 0, exact: total?.exact === false ? 'no' : 'yes' })}
          </p>
        </div>
      </div>

      {items.length > 0 ? (
        <>
          <RequestsTable items={items} tenantNames={tenantNames} sort={filters.sort ?? DEFAULT_REQUEST_SORT} onSort={(sort) => update({ ...filters, sort })} />
          <RequestCards items={items} tenantNames={tenantNames} />
        </>
      ) : null}

      {hasMore ? (
        <div className="mt-4 flex justify-center">
          <button
            type="button"
            onClick={() => loadMore()}
            disabled={isLoadingMore}
            className="rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 disabled:cursor-wait disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {isLoadingMore ? t('loadingMore') : t('loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
