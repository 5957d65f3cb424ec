import type { RequestStatus } from '@/lib/domain/lifecycle';
import type { RequestView } from '@/lib/requests/views';

/** Shared by the SWR hook and the server page that renders the first page (no SWR import here). */
export type RequestPage = { items: RequestView[]; nextCursor: string | null };
export type RequestFilters = { tenantId?: string; status?: RequestStatus };

export const REQUESTS_PAGE_SIZE = 20;

/** The SWR key of one page of GET /api/v1/requests; `mutate` callers build it the same way. */
export function requestsPageUrl(filters: RequestFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filters.tenantId) params.set('tenantId', filters.tenantId);
  if (filters.status) params.set('status', filters.status);
  params.set('limit', String(REQUESTS_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/requests?${params}`;
}

