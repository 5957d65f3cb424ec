'use client';

import { useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { REQUEST_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import { DEFAULT_REQUEST_SORT, REQUEST_SORTS, type RequestSort, parseRequestSort } from '@/lib/domain/request-list';
import type { RequestFilters } from '@/lib/hooks/requests-key';

type TenantOption = { id: string; name: string };

const fieldClass =
  'mt-1 block w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-600 dark:bg-zinc-900';
const labelClass = 'text-sm font-medium text-zinc-700 dark:text-zinc-300';

// How long typing may pause before the search runs: long enough not to query on every key.
const SEARCH_DELAY_MS = 350;

/** A day of a date input, or nothing when the filter holds an instant the date input cannot show. */
const asDay = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/**
 * The list's filters: search (as you type, or at once with Enter), tenant, status, creation dates
 * (whole days in the reader's time zone, as the hint says) and sort. Each change is applied at once.
 */
export function RequestFiltersForm({
  tenants,
  filters,
  onChange,
}: {
  tenants: TenantOption[];
  filters: RequestFilters;
  onChange: (next: RequestFilters) => void;
}) {
  const t = useTranslations('requestList');
  const tStatus = useTranslations('common.status');
  const timeZone = useTimeZone() ?? 'UTC';
  const [search, setSearch] = useState(filters.q ?? '');
  const [showMore, setShowMore] = useState(false);

  // The search runs once typing pauses; a filter changed elsewhere (Clear) resets the box.
  useEffect(() => {
    const wanted = search.trim() || undefined;
    if (wanted === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: wanted }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  const active = [filters.tenantId, filters.status, filters.from, filters.to, filters.sort && filters.sort !== DEFAULT_REQUEST_SORT].filter(Boolean).length;
  const submitButton = (
    <button
      type="submit"
      className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2"
    >
      {t('filters.apply')}
    </button>
  );
  const clearButton = (
    <button
      type="button"
      onClick={() => {
        setSearch('');
        onChange({});
      }}
      className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {t('filters.clear')}
    </button>
  );

  return (
    <form
      role="search"
      aria-label={t('filters.label')}
      className="mb-4 flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 lg:grid lg:grid-cols-4 dark:border-zinc-700 dark:bg-zinc-900"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filters, q: search.trim() || undefined });
      }}
    >
      <div className="lg:col-span-2">
        <label htmlFor="filter-q" className={labelClass}>
          {t('filters.search')}
        </label>
        <input
          id="filter-q"
          type="search"
          name="q"
          value={search}
          maxLength={200}
          onChange={(event) => setSearch(event.target.value)}
          aria-describedby="filter-q-hint"
          className={fieldClass}
        />
        <p id="filter-q-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {t('filters.searchHint')}
        </p>
      </div>
      {/* On a narrow screen the other filters fold away, so that the list starts near the top. */}
      <div className="flex flex-wrap items-center gap-2 lg:hidden">
        {submitButton}
        <button
          type="button"
          aria-expanded={showMore}
          aria-controls="more-filters"
          onClick={() => setShowMore(!showMore)}
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {t('filters.more', { active })}
        </button>
      </div>
      <div id="more-filters" className={`${showMore ? 'grid' : 'hidden'} gap-3 sm:grid-cols-2 lg:contents`}>
        <div>
          <label htmlFor="filter-tenant" className={labelClass}>
            {t('filters.tenant')}
          </label>
          <select
            id="filter-tenant"
            className={fieldClass}
            value={filters.tenantId ?? ''}
            onChange={(event) => onChange({ ...filters, tenantId: event.target.value || undefined })}
          >
            <option value="">{t('filters.allTenants')}</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className={labelClass}>
            {t('filters.status')}
          </label>
          <select
            id="filter-status"
            className={fieldClass}
            value={filters.status ?? ''}
            onChange={(event) => onChange({ ...filters, status: (event.target.value || undefined) as RequestStatus | undefined })}
          >
            <option value="">{t('filters.allStatuses')}</option>
            {REQUEST_STATUSES.map((status) => (
              <option key={status} value={status}>
                {tStatus(status)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="min-w-0 sm:col-span-2" aria-describedby="filter-dates-hint">
          <legend className={labelClass}>{t('filters.created')}</legend>
          <div className="grid grid-cols-2 gap-3">
            <div className="min-w-0">
              <label htmlFor="filter-from" className="text-xs text-zinc-600 dark:text-zinc-400">
                {t('filters.from')}
              </label>
              <input
                id="filter-from"
                type="date"
                name="from"
                value={asDay(filters.from)}
                max={asDay(filters.to) || undefined}
                onChange={(event) => onChange({ ...filters, from: event.target.value || undefined })}
                className={fieldClass}
              />
            </div>
            <div className="min-w-0">
              <label htmlFor="filter-to" className="text-xs text-zinc-600 dark:text-zinc-400">
                {t('filters.to')}
              </label>
              <input
                id="filter-to"
                type="date"
                name="to"
                value={asDay(filters.to)}
                min={asDay(filters.from) || undefined}
                onChange={(event) => onChange({ ...filters, to: event.target.value || undefined })}
                className={fieldClass}
              />
            </div>
          </div>
          <p id="filter-dates-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {t('filters.dateHint', { timeZone })}
          </p>
        </fieldset>
        <div>
          <label htmlFor="filter-sort" className={labelClass}>
            {t('filters.sort')}
          </label>
          <select
            id="filter-sort"
            className={fieldClass}
            value={filters.sort ?? DEFAULT_REQUEST_SORT}
            onChange={(event) => onChange({ ...filters, sort: event.target.value as RequestSort })}
          >
            {REQUEST_SORTS.map((sort) => {
              const { key, descending } = parseRequestSort(sort);
              return (
                <option key={sort} value={sort}>
                  {t(`sort.${key}.${descending ? 'desc' : 'asc'}`)}
                </option>
              );
            })}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <span className="hidden lg:contents">{submitButton}</span>
          {clearButton}
        </div>
      </div>
    </form>
  );
}
