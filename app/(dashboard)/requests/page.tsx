import type { Metadata } from 'next';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { REQUEST_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import { REQUESTS_PAGE_SIZE } from '@/lib/hooks/requests-key';
import { listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import { NoAccess } from '../../_components/notice';
import { PageHeader } from '../../_components/page-header';
import { RequestsList } from './requests-list';

export const metadata: Metadata = { title: 'Requests' };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

export default async function RequestsPage({ searchParams }: { searchParams: SearchParams }) {
  const { caller, ctx } = await requirePageCaller();
  if (!canViewPorts(caller)) {
    return (
      <>
        <PageHeader title="Requests" />
        <NoAccess />
      </>
    );
  }

  const query = await searchParams;
  const tenants = await listVisibleTenants(ctx, caller);
  // Filters from the address bar: anything unknown is ignored rather than an error.
  const tenantId = tenants.find((tenant) => tenant.id === query.tenant)?.id;
  const status = REQUEST_STATUSES.find((value) => value === query.status) as RequestStatus | undefined;
  const firstPage = await listVisibleRequests(ctx, caller, { tenantId, status, limit: REQUESTS_PAGE_SIZE });

  return (
    <>
      <PageHeader
        title="Requests"
        description={
          canRequestChanges(caller)
            ? 'Every port change request you can see, newest first. Start a new one from the dashboard.'
            : 'Every port change request you can see, newest first.'
        }
      />
      <RequestsList
        tenants={tenants.map((tenant) => ({ id: tenant.id, name: tenant.name }))}
        initialFilters={{ tenantId, status }}
        firstPage={firstPage}
      />
    </>
  );
}
