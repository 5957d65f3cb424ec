// GET /api/v1/notifications: the caller's latest notifications and unread count (the bell polls it),
// worded in the reader's language (lib/http/api-route.ts apiReader).
import { apiRoute } from '@/lib/http/api-route';
import { getInbox } from '@/lib/notifications/inbox';

export const GET = apiRoute(async ({ caller, ctx, reader }) => {
  const inbox = await getInbox(ctx, caller, reader);
  return Response.json({ items: inbox.items, unread: inbox.unread, nextCursor: null });
});
