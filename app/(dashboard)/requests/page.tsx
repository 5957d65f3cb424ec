import type { Metadata } from 'next';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { REQUESTS_PAGE_SIZE, type RequestFilters } from '@/lib/hooks/requests-key';
import { listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import { listRequestsQuerySchema } from '@/lib/validation/request';
import { type SearchParams, searchParam } from '@/lib/validation/search-params';
import { NoAccess } from '../../_components/notice';
import { PageHeader } from '../../_components/page-header';
import { RequestsList } from './requests-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('requests');
  return { title: t('title') };
}

const FILTER_NAMES = ['q', 'tenantId', 'status', 'from', 'to', 'sort'] as const;

/**
 * The filters of the address bar, through the API's schema: a value that is invalid (or a tenant the
 * caller cannot see) reads as absent rather than an error, and a range whose end comes before its
 * start loses its end. `tenant` is the older name of `tenantId`.
 */
function filtersFromAddress(query: SearchParams, visibleTenantIds: ReadonlySet<string>): RequestFilters {
  const shape = listRequestsQuerySchema.shape;
  const raw: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = query[name] ?? (name === 'tenantId' ? query.tenant : undefined);
    if (typeof value === 'string' && searchParam({ [name]: value }, name, shape[name]) !== undefined) raw[name] = value.trim();
  }
  if (raw.tenantId && !visibleTenantIds.has(raw.tenantId)) delete raw.tenantId;
  if (raw.to && !listRequestsQuerySchema.safeParse(raw).success) delete raw.to;
  return raw as RequestFilters;
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

  const [query, tenants, timeZone] = await Promise.all([searchParams, listVisibleTenants(ctx, caller), getTimeZone()]);
  const filters = filtersFromAddress(query, new Set(tenants.map((tenant) => tenant.id)));
  // The list takes no cursor from the address: it always starts at the first page.
  const parsed = listRequestsQuerySchema.safeParse({ ...filters, limit: REQUESTS_PAGE_SIZE });
  const firstPage = await listVisibleRequests(ctx, caller, parsed.success ? parsed.data : { limit: REQUESTS_PAGE_SIZE }, { timeZone });

  return (
    <>
      <PageHeader
        title={t('title')}
        description={canRequestChanges(caller) ? t('descriptionRequester') : t('description')}
      />
      <RequestsList
        tenants={tenants.map((tenant) => ({ id: tenant.id, name: tenant.name }))}
        initialFilters={parsed.success ? filters : {}}
        firstPage={firstPage}
      />
    </>
  );
}
