import Link from 'next/link';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { redirect } from 'next/navigation';
import { canRequestChanges, canViewPorts, isNetworkOps } from '@/lib/auth/permissions';
import { listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import type { TenantView } from '@/lib/requests/views';
import { formatNumber } from '../_components/format';
import { NoAccess, Notice } from '../_components/notice';
import { PageHeader } from '../_components/page-header';

export default async function DashboardPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!canViewPorts(caller)) {
    // Network Operations' work is the thresholds; the dashboard of ports is not theirs to see.
    if (isNetworkOps(caller)) redirect('/admin/thresholds');
    return (
      <>
        <PageHeader title="Dashboard" />
        <NoAccess>
          <p>
            Your account cannot see port limits or requests. Seeing them needs the Monitoring Gateway and SSPM view
            permissions; ask your Account Representative.
          </p>
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
      <PageHeader
        title="Dashboard"
        description="The tenants you manage, their current port limits and any request in progress."
      />
      {tenants.length === 0 ? (
        <Notice title="No tenants">
          <p>There are no tenants you can see.</p>
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
          <p className="text-sm text-zinc-500">{parentName ? `Customer of ${parentName}` : 'Partner tenant'}</p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Flag on={tenant.monitoringGatewayEnabled} label="Monitoring Gateway" />
          <Flag on={pc} label="Personal Connection" />
        </div>
      </div>

      <dl className="mt-4 grid grid-cols-3 gap-3">
        <Limit label="Concurrent" value={formatNumber(tenant.limits.concurrent)} />
        <Limit label="Outbound" value={pc ? formatNumber(tenant.limits.outbound) : '—'} muted={!pc} />
        <Limit label="Agentless" value={pc ? formatNumber(tenant.limits.agentless) : '—'} muted={!pc} />
      </dl>
      {!pc ? <p className="mt-2 text-xs text-zinc-500">Personal Connection off: only concurrent ports apply.</p> : null}

      {needsInformation ? (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">More information needed</p>
          <p className="mt-1">
            The open request asks for more concurrent ports than today&apos;s automatic allowance.{' '}
            {mayRequest ? (
              <Link href={`/requests/${tenant.openRequestId}`} className="font-medium underline underline-offset-4">
                Add a justification<span className="sr-only"> for {tenant.name}</span>
              </Link>
            ) : (
              'A requester of your company can add a justification.'
            )}{' '}
            so that an Account Representative can decide.
          </p>
        </div>
      ) : null}
      <div className="mt-auto flex flex-wrap items-center gap-3 pt-4">
        {tenant.openRequestId ? (
          <Link
            href={`/requests/${tenant.openRequestId}`}
            className="text-sm font-medium text-indigo-700 underline-offset-4 hover:underline"
          >
            View the open request<span className="sr-only"> for {tenant.name}</span>
          </Link>
        ) : null}
        {!tenant.monitoringGatewayEnabled ? (
          <p className="text-sm text-zinc-600">Monitoring Gateway is not enabled, so its ports cannot be changed here.</p>
        ) : mayRequest && !tenant.openRequestId ? (
          <Link
            href={`/requests/new?tenant=${encodeURIComponent(tenant.id)}`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Request a change<span className="sr-only"> for {tenant.name}</span>
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
      {label} {on ? 'on' : 'off'}
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
