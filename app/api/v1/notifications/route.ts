// GET /api/v1/notifications: the caller's latest notifications and unread count (the bell polls it).
import { apiRoute } from '@/lib/http/api-route';
import { getInbox } from '@/lib/notifications/inbox';

export const GET = apiRoute(async ({ caller, ctx }) => {
  const inbox = await getInbox(ctx, caller);
  return Response.json({ items: inbox.items, unread: inbox.unread, nextCursor: null });
});
