import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { REQUESTS_PAGE_SIZE } from '@/lib/hooks/requests-key';
import { listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import { requestStatusSchema } from '@/lib/validation/request';
import { type SearchParams, searchParam } from '@/lib/validation/search-params';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { NoAccess } from '../../_components/notice';
import { PageHeader } from '../../_components/page-header';
import { RequestsList } from './requests-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('requests');
  return { title: t('title') };
}

export default async function RequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { caller, ctx } = await requirePageCaller();
  const t = await getTranslations('requests');
  if (!canViewPorts(caller)) {
    return (
      <>
        <PageHeader title={t('title')} />
        <NoAccess />
      </>
    );
  }

  const query = await searchParams;
  const tenants = await listVisibleTenants(ctx, caller);
  // Filters from the address bar, through the API's schemas: anything invalid or unknown is ignored
  // rather than an error. The list takes no cursor from the address: it always starts at the first page.
  const wanted = searchParam(query, 'tenant', tenantIdSchema);
  const tenantId = tenants.find((tenant) => tenant.id === wanted)?.id;
  const status = searchParam(query, 'status', requestStatusSchema);
  const firstPage = await listVisibleRequests(ctx, caller, { tenantId, status, limit: REQUESTS_PAGE_SIZE });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={canRequestChanges(caller) ? t('descriptionRequester') : t('description')}
      />
      <RequestsList
        tenants={tenants.map((tenant) => ({ id: tenant.id, name: tenant.name }))}
        initialFilters={{ tenantId, status }}
        firstPage={firstPage}
      />
    </>
  );
}
