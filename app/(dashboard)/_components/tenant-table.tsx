import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Age } from '@/app/_components/age';
import { LocalTime } from '@/app/_components/local-time';
import { StatusBadge } from '@/app/_components/status-badge';
import { UtilisationBar } from './utilisation-bar';
import { PORT_TYPES } from '@/lib/domain/ports';
import type { TenantTableRowView, TenantTableView } from '@/lib/requests/tenant-table';
import { type TenantTableQuery, type TenantTableSort, tenantTableHref } from '@/lib/validation/tenant-table';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;
const linkClass = 'font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900';

// Below `lg` every row is a card: the header row is only read to screen readers, and each cell
// shows its column's name before its value (data-label): the three limits side by side, the rest one
// a line. From `lg` it is a table. The explicit roles keep the table's semantics where a browser drops
// them for cells that are not displayed as table cells.
const labelled = 'max-lg:before:text-zinc-600 max-lg:before:content-[attr(data-label)]';
const cellClass = `px-3 py-3 align-top max-lg:col-span-3 max-lg:flex max-lg:items-baseline max-lg:justify-between max-lg:gap-4 max-lg:px-0 max-lg:py-1 max-lg:text-right max-lg:before:text-left ${labelled}`;
const numberClass = `${cellClass} text-right tabular-nums`;
// A card leaves out what a row does not have (no open request, no temporary change).
const emptyCellClass = 'px-3 py-3 align-top max-lg:hidden';
const limitClass = `px-3 py-3 text-right align-top tabular-nums max-lg:flex max-lg:flex-col max-lg:px-0 max-lg:py-1 max-lg:text-left max-lg:font-medium max-lg:before:text-xs max-lg:before:font-normal ${labelled}`;

/** The tenants of one page of the dashboard, partner first, each with its limits, requests and next step. */
export function TenantTable({ table, query }: { table: TenantTableView; query: TenantTableQuery }) {
  const t = useTranslations('tenantTable');
  const tUsage = useTranslations('usage.bar');
  const label = (column: keyof ReturnType<typeof columnLabels>) => columnLabels(t)[column];
  return (
    <>
      <div className="lg:overflow-x-auto lg:rounded-lg lg:border lg:border-zinc-200 lg:bg-white lg:shadow-xs">
        <table role="table" className="w-full border-collapse text-left text-sm max-lg:block">
          <caption className="sr-only">
            {t('caption', { column: t(`sortLabels.${query.sort}`), direction: query.dir, page: table.page, pageCount: table.pageCount })}
          </caption>
          <thead role="rowgroup" className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600 max-lg:sr-only">
            <tr role="row">
              <th role="columnheader" scope="col" className="px-3 py-2" aria-sort={ariaSort(query, 'name') ?? ariaSort(query, 'id')}>
                <span className="flex flex-wrap items-baseline gap-x-3">
                  <SortLink query={query} sort="name">
                    {t('sortLabels.name')}
                  </SortLink>
                  <SortLink query={query} sort="id">
                    {t('sortLabels.id')}
                  </SortLink>
                </span>
              </th>
              {(['concurrent', 'outbound', 'agentless', 'allowance'] as const).map((sort) => (
                <th key={sort} role="columnheader" scope="col" className="px-3 py-2 text-right" aria-sort={ariaSort(query, sort)}>
                  <SortLink query={query} sort={sort}>
                    {label(sort)}
                  </SortLink>
                </th>
              ))}
              {(['open', 'temporary'] as const).map((sort) => (
                <th key={sort} role="columnheader" scope="col" className="px-3 py-2" aria-sort={ariaSort(query, sort)}>
                  <SortLink query={query} sort={sort}>
                    {label(sort)}
                  </SortLink>
                </th>
              ))}
              <th role="columnheader" scope="col" className="px-3 py-2">
                {t('columns.action')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup" className="lg:divide-y lg:divide-zinc-200 max-lg:block max-lg:space-y-3">
            {table.rows.map((row) => (
              <TenantRow key={row.id} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">{tUsage('legend')}</p>
    </>
  );
}

function columnLabels(t: ReturnType<typeof useTranslations<'tenantTable'>>) {
  return {
    concurrent: t('columns.concurrent'),
    outbound: t('columns.outbound'),
    agentless: t('columns.agentless'),
    allowance: t('columns.allowance'),
    open: t('columns.open'),
    temporary: t('columns.temporary'),
  };
}

function ariaSort(query: TenantTableQuery, sort: TenantTableSort): 'ascending' | 'descending' | undefined {
  if (query.sort !== sort) return undefined;
  return query.dir === 'asc' ? 'ascending' : 'descending';
}

/** A column's name as a link that sorts by it: ascending first, then the other way round. */
function SortLink({ query, sort, children }: { query: TenantTableQuery; sort: TenantTableSort; children: ReactNode }) {
  const current = query.sort === sort;
  const dir = current && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <Link
      href={tenantTableHref({ ...query, sort, dir, page: 1 })}
      className={`inline-flex items-center gap-1 whitespace-nowrap hover:text-zinc-900 hover:underline ${current ? 'text-zinc-900' : ''}`}
    >
      {children}
      <span aria-hidden="true" className={current ? '' : 'text-zinc-500'}>
        {current ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </Link>
  );
}

function TenantRow({ row }: { row: TenantTableRowView }) {
  const t = useTranslations('tenantTable');
  const format = useFormatter();
  const labels = columnLabels(t);
  const pc = row.personalConnectionEnabled;
  return (
    <tr
      role="row"
      className={`max-lg:grid max-lg:grid-cols-3 max-lg:gap-x-3 max-lg:rounded-lg max-lg:border max-lg:border-zinc-200 max-lg:p-4 max-lg:shadow-xs ${
        row.isPartner ? 'bg-zinc-50' : 'bg-white'
      }`}
    >
      <th role="rowheader" scope="row" className={`px-3 py-3 text-left align-top font-normal max-lg:col-span-3 max-lg:px-0 max-lg:pb-2 max-lg:pt-0 ${row.isPartner ? '' : 'lg:pl-8'}`}>
        <Link
          href={`/tenants/${encodeURIComponent(row.id)}`}
          className={`block text-zinc-900 underline decoration-zinc-300 underline-offset-4 hover:text-indigo-800 hover:decoration-indigo-800 ${row.isPartner ? 'font-semibold' : 'font-medium'}`}
        >
          {row.name}
        </Link>
        <span className="block font-mono text-xs text-zinc-600">{row.id}</span>
        <span className="mt-1 flex flex-wrap gap-1">
          {row.isPartner ? <Tag tone="indigo">{t('partner')}</Tag> : null}
          {row.parentName ? <Tag>{t('customerOf', { parent: row.parentName })}</Tag> : null}
          {pc ? <Tag tone="emerald">{t('personalConnection')}</Tag> : null}
          {row.monitoringGatewayEnabled ? null : <Tag tone="amber">{t('gatewayOff')}</Tag>}
        </span>
      </th>
      {PORT_TYPES.map((port) => {
        const utilisation = row.utilisation.find((entry) => entry.type === port);
        return (
          <td key={port} role="cell" data-label={labels[port]} className={limitClass}>
            {utilisation ? (
              <>
                <span className="block">{format.number(row.limits[port])}</span>
                <UtilisationBar utilisation={utilisation} window="week" surface="light" className="mt-1.5 font-normal whitespace-nowrap lg:text-right" />
              </>
            ) : (
              <>
                <span aria-hidden="true" className="text-zinc-500">
                  —
                </span>
                <span className="sr-only">{t('notApplicable')}</span>
              </>
            )}
          </td>
        );
      })}
      <td role="cell" data-label={labels.allowance} className={numberClass}>
        {row.monitoringGatewayEnabled ? (
          <span className={row.allowance.remaining === 0 ? 'font-medium text-amber-800' : ''}>
            {t.rich('allowance', { remaining: row.allowance.remaining, threshold: row.allowance.threshold, sr: srOnly })}
          </span>
        ) : (
          <Dash label={t('none')} />
        )}
      </td>
      <td role="cell" data-label={labels.open} className={row.openRequest ? cellClass : emptyCellClass}>
        {row.openRequest ? (
          <Link href={`/requests/${row.openRequest.id}`} className="group inline-flex flex-wrap items-center gap-x-2 gap-y-1 hover:underline">
            {t.rich('openRequest', {
              sr: srOnly,
              status: () => <StatusBadge key="status" status={row.openRequest!.status} />,
              age: (chunks) => (
                <span key="age" className="whitespace-nowrap text-xs text-zinc-600 group-hover:text-zinc-900">
                  {chunks}
                </span>
              ),
              time: () => <Age key="time" iso={row.openRequest!.createdAt} />,
            })}
          </Link>
        ) : (
          <Dash label={t('none')} />
        )}
      </td>
      <td role="cell" data-label={labels.temporary} className={row.temporary ? cellClass : emptyCellClass}>
        {row.temporary ? <TemporaryChange temporary={row.temporary} /> : <Dash label={t('none')} />}
      </td>
      <td role="cell" className="px-3 py-3 align-top max-lg:col-span-3 max-lg:px-0 max-lg:pb-0 max-lg:pt-3 lg:w-48">
        <ChangeAction row={row} />
      </td>
    </tr>
  );
}

function TemporaryChange({ temporary }: { temporary: NonNullable<TenantTableRowView['temporary']> }) {
  const t = useTranslations('tenantTable');
  const values = temporary.revertsTo.map((entry) => t('portValue', { port: entry.port, value: entry.value })).join(', ');
  return (
    <div className="space-y-1 max-lg:text-right">
      <Link href={`/requests/${temporary.requestId}`} className="text-zinc-900 underline-offset-4 hover:underline">
        {t.rich('reverts', { values, date: () => <LocalTime key="date" iso={temporary.revertAt} format="date" /> })}
      </Link>
      {temporary.inForce > 1 ? <p className="text-xs text-zinc-600">{t('moreTemporary', { count: temporary.inForce - 1 })}</p> : null}
      {temporary.blocked ? <p className="text-xs text-amber-800">{t('revertBlocked')}</p> : null}
    </div>
  );
}

function ChangeAction({ row }: { row: TenantTableRowView }) {
  const t = useTranslations('tenantTable');
  const change = row.change;
  switch (change.kind) {
    case 'allowed':
      return (
        <Link
          href={`/requests/new?tenant=${encodeURIComponent(row.id)}`}
          className="inline-block whitespace-nowrap rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
        >
          {t.rich('requestChange', { tenant: row.name, sr: srOnly })}
        </Link>
      );
    case 'request_open':
      // The open request waits for this caller's information: say what to do, not only what blocks.
      return change.status === 'pending_info' ? (
        <Link href={`/requests/${change.requestId}`} className={`${linkClass} text-sm`}>
          {t.rich('addInformation', { tenant: row.name, sr: srOnly })}
        </Link>
      ) : (
        <p className="text-xs text-zinc-600">{t('requestOpen')}</p>
      );
    case 'gateway_disabled':
      return (
        <div className="space-y-1 text-xs text-zinc-700">
          <p>{t('gatewayDisabled')}</p>
          <p>
            {change.enableYourself
              ? t.rich('gatewayEnable', {
                  link: (chunks) => (
                    <Link href="/admin/access" className={linkClass}>
                      {chunks}
                    </Link>
                  ),
                })
              : t.rich('gatewayAsk', {
                  email: change.accountRepEmail,
                  mail: (chunks) => (
                    <a href={`mailto:${change.accountRepEmail}`} className={`${linkClass} break-words`}>
                      {chunks}
                    </a>
                  ),
                })}
          </p>
        </div>
      );
    case 'not_permitted':
      return null;
  }
}

function Tag({ children, tone = 'zinc' }: { children: ReactNode; tone?: 'zinc' | 'indigo' | 'emerald' | 'amber' }) {
  const tones = {
    zinc: 'bg-zinc-100 text-zinc-700 ring-zinc-300',
    indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
    emerald: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
    amber: 'bg-amber-50 text-amber-900 ring-amber-300',
  };
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

function Dash({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-zinc-500">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}
