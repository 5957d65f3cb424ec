import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { AppError } from '@/lib/domain/errors';
import { getVisibleTenant } from '@/lib/requests/read-requests';
import { getThresholdStatus } from '@/lib/requests/threshold-status';
import type { TenantView } from '@/lib/requests/views';
import { type SearchParams, searchParam } from '@/lib/validation/search-params';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { NoAccess, Notice } from '../../../_components/notice';
import { PageHeader } from '../../../_components/page-header';
import { NewRequestForm } from './new-request-form';

export const metadata: Metadata = { title: 'Request a change' };

const linkClass = 'font-medium text-indigo-700 underline-offset-4 hover:underline';

export default async function NewRequestPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { caller, ctx } = await requirePageCaller();
  if (!canRequestChanges(caller)) {
    return (
      <>
        <PageHeader title="Request a change" />
        <NoAccess>
          <p>Your account cannot request port changes. Ask your Account Representative if you need to.</p>
        </NoAccess>
      </>
    );
  }

  const query = await searchParams;
  if (typeof query.tenant !== 'string' || query.tenant === '') {
    return (
      <>
        <PageHeader title="Request a change" />
        <Notice title="Choose a tenant first">
          <p>
            Pick the tenant whose ports you want to change on the{' '}
            <Link href="/" className={linkClass}>
              dashboard
            </Link>
            .
          </p>
        </Notice>
      </>
    );
  }

  // Not a tenant id at all (a NUL, a control character) names no tenant: it never reaches the database.
  const tenantId = searchParam(query, 'tenant', tenantIdSchema);
  if (!tenantId) notFound();
  let tenant: TenantView;
  try {
    tenant = await getVisibleTenant(ctx, caller, tenantId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    if (error instanceof AppError && error.code === 'forbidden') return <NoAccess />;
    throw error;
  }

  const title = `Request a change for ${tenant.name}`;
  if (!tenant.monitoringGatewayEnabled) {
    return (
      <>
        <PageHeader title={title} />
        <Notice title="Monitoring Gateway is not enabled">
          <p>{tenant.name} does not have Monitoring Gateway, so its ports cannot be changed here.</p>
        </Notice>
      </>
    );
  }
  if (tenant.openRequestId) {
    return (
      <>
        <PageHeader title={title} />
        <Notice title="A request is already open">
          <p>
            {tenant.name} already has an open request. Wait for it to be decided, or cancel it, before asking again.
          </p>
          <p>
            <Link href={`/requests/${tenant.openRequestId}`} className={linkClass}>
              View the open request
            </Link>
          </p>
        </Notice>
      </>
    );
  }

  const threshold = await getThresholdStatus(ctx, caller, tenant.id);
  return (
    <>
      <PageHeader
        title={title}
        description="Set the new limits. The rules, the outcome and the cost update as you type."
      />
      {/* Remount with fresh values when the limits change under the form (after a stale_limits refresh). */}
      <NewRequestForm key={JSON.stringify(tenant.limits)} tenant={tenant} threshold={threshold} />
    </>
  );
}
