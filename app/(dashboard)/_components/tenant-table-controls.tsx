import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { TenantTableView } from '@/lib/requests/tenant-table';
import { SORT_DIRECTIONS, TENANT_TABLE_SORTS, type TenantTableQuery, tenantTableHref } from '@/lib/validation/tenant-table';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;
const fieldClass = 'mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900';
const labelClass = 'block text-xs font-medium text-zinc-700';

/**
 * Search, filters and (on a phone, where the column headers are hidden) the sort, as a plain GET
 * form: the address is the state, so a filtered view can be bookmarked and shared, and it works
 * before any script has loaded. Applying starts again at page 1.
 */
export function TenantTableFilters({ query }: { query: TenantTableQuery }) {
  const t = useTranslations('tenantTable');
  return (
    <form
      role="search"
      aria-label={t('filters.label')}
      action="/"
      method="get"
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs lg:grid-cols-[minmax(12rem,2fr)_repeat(3,minmax(8rem,1fr))_auto]"
    >
      <div className="col-span-2 lg:col-span-1">
        <label htmlFor="tenant-search" className={labelClass}>
          {t('filters.search')}
        </label>
        <input
          id="tenant-search"
          type="search"
          name="q"
          maxLength={100}
          defaultValue={query.q ?? ''}
          placeholder={t('filters.searchPlaceholder')}
          className={fieldClass}
        />
      </div>
      <FilterSelect name="pc" label={t('filters.pc')} value={query.pc} yes={t('filters.pcYes')} no={t('filters.pcNo')} />
      <FilterSelect name="open" label={t('filters.open')} value={query.open} yes={t('filters.openYes')} no={t('filters.openNo')} />
      <FilterSelect
        name="temporary"
        label={t('filters.temporary')}
        value={query.temporary}
        yes={t('filters.temporaryYes')}
        no={t('filters.temporaryNo')}
      />
      {/* The column headers sort on a wide screen; on a narrow one (no header row) these do. */}
      <div className="contents lg:hidden">
        <div>
          <label htmlFor="tenant-sort" className={labelClass}>
            {t('filters.sort')}
          </label>
          <select id="tenant-sort" name="sort" defaultValue={query.sort} className={fieldClass}>
            {TENANT_TABLE_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sortLabels.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tenant-dir" className={labelClass}>
            {t('filters.dir')}
          </label>
          <select id="tenant-dir" name="dir" defaultValue={query.dir} className={fieldClass}>
            {SORT_DIRECTIONS.map((dir) => (
              <option key={dir} value={dir}>
                {t(`filters.${dir}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex items-center gap-3 pb-0.5">
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">
          {t('filters.apply')}
        </button>
        <Link href="/" className="text-sm font-medium text-zinc-700 underline-offset-4 hover:underline">
          {t('filters.clear')}
        </Link>
      </div>
    </form>
  );
}

function FilterSelect({ name, label, value, yes, no }: { name: string; label: string; value: string | undefined; yes: string; no: string }) {
  const t = useTranslations('tenantTable');
  const id = `tenant-filter-${name}`;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={fieldClass}>
        <option value="">{t('filters.any')}</option>
        <option value="yes">{yes}</option>
        <option value="no">{no}</option>
      </select>
    </div>
  );
}

/** How many tenants match, and which of them this page shows. */
export function TenantTableSummary({ table }: { table: TenantTableView }) {
  const t = useTranslations('tenantTable');
  const from = (table.page - 1) * table.pageSize + 1;
  return (
    <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
      {t('summary', { total: table.total, from, to: from + table.rows.length - 1 })}
    </p>
  );
}

/** Previous, next and a few page numbers around the current one (first and last always). */
export function TenantTablePager({ table, query }: { table: TenantTableView; query: TenantTableQuery }) {
  const t = useTranslations('tenantTable.pager');
  if (table.pageCount <= 1) return null;
  const href = (page: number) => tenantTableHref({ ...query, page });
  const numbers = pageNumbers(table.page, table.pageCount);
  const step = 'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50';
  return (
    <nav aria-label={t('label')} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{t('pageOf', { page: table.page, pageCount: table.pageCount })}</p>
      <ul className="flex flex-wrap items-center gap-1">
        {table.page > 1 ? (
          <li>
            <Link href={href(Math.min(table.page - 1, table.pageCount))} rel="prev" className={step}>
              {t.rich('previous', { sr: srOnly })}
            </Link>
          </li>
        ) : null}
        {numbers.map((page, index) =>
          page === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-zinc-500 max-sm:hidden">
              …
            </li>
          ) : (
            <li key={page} className="max-sm:hidden">
              <Link
                href={href(page)}
                aria-current={page === table.page ? 'page' : undefined}
                className={
                  page === table.page
                    ? 'rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white'
                    : 'rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100'
                }
              >
                {t.rich('page', { page, sr: srOnly })}
              </Link>
            </li>
          ),
        )}
        {table.page < table.pageCount ? (
          <li>
            <Link href={href(table.page + 1)} rel="next" className={step}>
              {t.rich('next', { sr: srOnly })}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** 1 … 4 5 6 … 10: the first, the last, and the current page with its neighbours; null is a gap. */
export function pageNumbers(current: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, current - 1, current, current + 1].filter((page) => page >= 1 && page <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((page, index) => (index > 0 && page - sorted[index - 1]! > 1 ? [null, page] : [page]));
}
