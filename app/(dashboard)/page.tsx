import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { redirect } from 'next/navigation';
import { canRequestChanges, canViewPorts, isNetworkOps } from '@/lib/auth/permissions';
import { listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import type { TenantView } from '@/lib/requests/views';
import { NoAccess, Notice } from '../_components/notice';
import { PageHeader } from '../_components/page-header';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

export default async function DashboardPage() {
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

  const [tenants, waiting] = await Promise.all([
    listVisibleTenants(ctx, caller),
    listVisibleRequests(ctx, caller, { status: 'pending_info', limit: 100 }),
  ]);
  const needsInformation = new Set(waiting.items.map((request) => request.id));
  const names = new Map(tenants.map((tenant) => [tenant.id, tenant.name]));
  const mayRequest = canRequestChanges(caller);

  return (
    <>
      <PageHeader title={t('common.nav.dashboard')} description={t('dashboard.description')} />
      {tenants.length === 0 ? (
        <Notice title={t('dashboard.noTenants.title')}>
          <p>{t('dashboard.noTenants.body')}</p>
        </Notice>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {tenants.map((tenant) => (
            <li key={tenant.id}>
              <TenantCard
                tenant={tenant}
                parentName={tenant.parentId ? (names.get(tenant.parentId) ?? tenant.parentId) : null}
                mayRequest={mayRequest}
                needsInformation={tenant.openRequestId !== null && needsInformation.has(tenant.openRequestId)}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TenantCard({
  tenant,
  parentName,
  mayRequest,
  needsInformation,
}: {
  tenant: TenantView;
  parentName: string | null;
  mayRequest: boolean;
  needsInformation: boolean;
}) {
  const t = useTranslations('dashboard.tenant');
  const tc = useTranslations('common');
  const format = useFormatter();
  const pc = tenant.personalConnectionEnabled;
  const headingId = `tenant-${tenant.id}`;
  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col rounded-lg border border-zinc-200 bg-white p-5 shadow-xs"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-zinc-900">
            {tenant.name}
          </h2>
          <p className="text-sm text-zinc-500">{parentName ? t('customerOf', { parent: parentName }) : t('partner')}</p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Flag on={tenant.monitoringGatewayEnabled} label={t('monitoringGateway', { state: tenant.monitoringGatewayEnabled ? 'on' : 'off' })} />
          <Flag on={pc} label={t('personalConnection', { state: pc ? 'on' : 'off' })} />
        </div>
      </div>

      <dl className="mt-4 grid grid-cols-3 gap-3">
        <Limit label={tc('port.concurrent')} value={format.number(tenant.limits.concurrent)} />
        <Limit label={tc('port.outbound')} value={pc ? format.number(tenant.limits.outbound) : '—'} muted={!pc} />
        <Limit label={tc('port.agentless')} value={pc ? format.number(tenant.limits.agentless) : '—'} muted={!pc} />
      </dl>
      {!pc ? <p className="mt-2 text-xs text-zinc-500">{t('personalConnectionOff')}</p> : null}

      {needsInformation ? (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t('needsInformation')}</p>
          <p className="mt-1">
            {t.rich('needsInformationBody', {
              mayRequest: mayRequest ? 'yes' : 'no',
              tenant: tenant.name,
              sr: srOnly,
              link: (chunks) => (
                <Link href={`/requests/${tenant.openRequestId}`} className="font-medium underline underline-offset-4">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
      ) : null}
      <div className="mt-auto flex flex-wrap items-center gap-3 pt-4">
        {tenant.openRequestId ? (
          <Link
            href={`/requests/${tenant.openRequestId}`}
            className="text-sm font-medium text-indigo-700 underline-offset-4 hover:underline"
          >
            {t.rich('viewOpenRequest', { tenant: tenant.name, sr: srOnly })}
          </Link>
        ) : null}
        {!tenant.monitoringGatewayEnabled ? (
          <p className="text-sm text-zinc-600">{t('monitoringGatewayDisabled')}</p>
        ) : mayRequest && !tenant.openRequestId ? (
          <Link
            href={`/requests/new?tenant=${encodeURIComponent(tenant.id)}`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            {t.rich('requestChange', { tenant: tenant.name, sr: srOnly })}
          </Link>
        ) : null}
      </div>
    </article>
  );
}

function Flag({ on, label }: { on: boolean; label: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        on ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-zinc-100 text-zinc-600 ring-zinc-200'
      }`}
    >
      <span aria-hidden="true">{on ? '●' : '○'}</span>
      {label}
    </span>
  );
}

function Limit({ label, value, muted = false }: { label: string; value: string; muted?: boolean }) {
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2">
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${muted ? 'text-zinc-400' : 'text-zinc-900'}`}>{value}</dd>
    </div>
  );
}
