import type { RequestStatus } from '@/lib/domain/lifecycle';
import { DEFAULT_REQUEST_SORT, type RequestSort } from '@/lib/domain/request-list';
import type { RequestView } from '@/lib/requests/views';

/** Shared by the SWR hook and the server page that renders the first page (no SWR import here). */
export type RequestPage = { items: RequestView[]; nextCursor: string | null; total: number; totalExact: boolean };

/**
 * The list's filters as the address bar and the API spell them: `from` and `to` are days
 * (YYYY-MM-DD, in the reader's time zone) or instants, as typed.
 */
export type RequestFilters = {
  tenantId?: string;
  status?: RequestStatus;
  q?: string;
  from?: string;
  to?: string;
  sort?: RequestSort;
};

export const REQUESTS_PAGE_SIZE = 20;

/** The filters as query parameters, with the API's names; the default sort is left out. */
export function requestFilterParams(filters: RequestFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.tenantId) params.set('tenantId', filters.tenantId);
  if (filters.status) params.set('status', filters.status);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.sort && filters.sort !== DEFAULT_REQUEST_SORT) params.set('sort', filters.sort);
  return params;
}

/** The SWR key of one page of GET /api/v1/requests; `mutate` callers build it the same way. */
export function requestsPageUrl(filters: RequestFilters, cursor?: string | null): string {
  const params = requestFilterParams(filters);
  params.set('limit', String(REQUESTS_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/requests?${params}`;
}

/** GET /api/v1/requests.csv with the same filters: the whole filtered list, not the pages seen. */
export function requestsCsvUrl(filters: RequestFilters): string {
  const search = requestFilterParams(filters).toString();
  return `/api/v1/requests.csv${search ? `?${search}` : ''}`;
}

/** The requests page showing these filters (what the address bar keeps). */
export function requestsListHref(filters: RequestFilters): string {
  const search = requestFilterParams(filters).toString();
  return `/requests${search ? `?${search}` : ''}`;
}
