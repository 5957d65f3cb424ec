import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canViewPorts, isNetworkOps } from '@/lib/auth/permissions';
import { listTenantTable } from '@/lib/requests/tenant-table';
import type { SearchParams } from '@/lib/validation/search-params';
import { parseTenantTableQuery, tenantTableHref } from '@/lib/validation/tenant-table';
import { NoAccess, Notice } from '../_components/notice';
import { PageHeader } from '../_components/page-header';
import { TenantTable } from './_components/tenant-table';
import { TenantTableFilters, TenantTablePager, TenantTableSummary } from './_components/tenant-table-controls';

const linkClass = 'font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900';

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { caller, ctx } = await requirePageCaller();
  const t = await getTranslations();
  if (!canViewPorts(caller)) {
    // Network Operations' work is the thresholds; the dashboard of ports is not theirs to see.
    if (isNetworkOps(caller)) redirect('/admin/thresholds');
    return (
      <>
        <PageHeader title={t('common.nav.dashboard')} />
        <NoAccess>
          <p>{t('dashboard.noPortAccess')}</p>
        </NoAccess>
      </>
    );
  }

  // The address is the table's state; what cannot be read of it is left out and said so, never an error.
  const { query, ignored } = parseTenantTableQuery(await searchParams);
  const table = await listTenantTable(ctx, caller, query);
  const unfiltered = !query.q && !query.pc && !query.open && !query.temporary;
  const format = await getFormatter();

  return (
    <>
      <PageHeader title={t('common.nav.dashboard')} description={t('dashboard.description')} />
      {ignored.length > 0 ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {t('tenantTable.ignored', { fields: format.list(ignored.map((field) => t(`tenantTable.fields.${field}`))) })}
        </p>
      ) : null}
      {table.total === 0 && unfiltered ? (
        <Notice title={t('dashboard.noTenants.title')}>
          <p>{t('dashboard.noTenants.body')}</p>
        </Notice>
      ) : (
        <>
          <TenantTableFilters query={query} />
          {table.pastEnd ? (
            <Notice title={t('tenantTable.pastEndTitle')}>
              <p>
                {t.rich('tenantTable.pastEnd', {
                  page: query.page,
                  total: table.total,
                  pageCount: table.pageCount,
                  link: (chunks) => (
                    <Link href={tenantTableHref({ ...query, page: table.pageCount })} className={linkClass}>
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            </Notice>
          ) : table.total === 0 ? (
            <Notice title={t('tenantTable.summary', { total: 0, from: 0, to: 0 })}>
              <p>
                {t.rich('tenantTable.empty', {
                  link: (chunks) => (
                    <Link href="/" className={linkClass}>
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            </Notice>
          ) : (
            <>
              <TenantTableSummary table={table} />
              <TenantTable table={table} query={query} />
              <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{t('tenantTable.allowanceHelp')}</p>
              <TenantTablePager table={table} query={query} />
            </>
          )}
        </>
      )}
    </>
  );
}
