import useSWRInfinite from 'swr/infinite';
import { type ApiError, fetchJson } from './fetch-json';
import { type RequestFilters, type RequestPage, requestsPageUrl } from './requests-key';

export type { RequestFilters, RequestPage } from './requests-key';

/**
 * The requests list, filtered and sorted, one cursor page at a time ("Load more"), with the total
 * that match (from the first page).
 * `firstPage` is the server-rendered first page for these filters, shown until SWR revalidates.
 */
export function useRequests(filters: RequestFilters, firstPage?: RequestPage) {
  const { data, error, size, setSize, isLoading, isValidating, mutate } = useSWRInfinite<RequestPage, ApiError>(
    (index: number, previous: RequestPage | null) => {
      if (index > 0 && !previous?.nextCursor) return null;
      return requestsPageUrl(filters, index === 0 ? null : previous?.nextCursor);
    },
    fetchJson,
    { fallbackData: firstPage ? [firstPage] : undefined, revalidateFirstPage: true, keepPreviousData: true },
  );

  const pages = data ?? [];
  const items = pages.flatMap((page) => page.items);
  const last = pages.at(-1);
  const loadingMore = isLoading || (size > 0 && pages.length < size && !error);

  return {
    items,
    total: pages[0] ? { count: pages[0].total, exact: pages[0].totalExact } : null,
    error,
    isLoading: isLoading && pages.length === 0,
    isLoadingMore: loadingMore && pages.length > 0,
    isRefreshing: isValidating && !loadingMore,
    hasMore: Boolean(last?.nextCursor),
    loadMore: () => setSize(size + 1),
    refresh: () => mutate(),
  };
}
