import useSWR from 'swr';
import type { NotificationView } from '@/lib/notifications/inbox';
import { type ApiError, fetchJson } from './fetch-json';

export const NOTIFICATIONS_KEY = '/api/v1/notifications';

type InboxPage = { items: NotificationView[]; unread: number; nextCursor: null };

/** The bell: polls the inbox, and marks read through the API, updating the cache with its answer. */
export function useNotifications() {
  const { data, error, mutate } = useSWR<InboxPage, ApiError>(NOTIFICATIONS_KEY, fetchJson, { refreshInterval: 30_000 });

  async function markRead(ids: number[] | 'all'): Promise<void> {
    await mutate(
      async () => {
        const response = await fetch('/api/v1/notifications/read', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ids }),
        });
        if (!response.ok) throw new Error('Could not mark the notifications read.');
        return (await response.json()) as InboxPage;
      },
      { revalidate: false },
    );
  }

  return { items: data?.items ?? [], unread: data?.unread ?? 0, error, markRead };
}
