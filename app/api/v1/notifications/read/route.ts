// POST /api/v1/notifications/read: mark some or all of the caller's notifications read; answers the
// inbox as GET /api/v1/notifications does, in the caller's language.
import { apiRoute, readJson } from '@/lib/http/api-route';
import { markNotificationsRead } from '@/lib/notifications/inbox';
import { markReadSchema } from '@/lib/validation/notifications';

export const POST = apiRoute(async ({ request, caller, ctx, reader }) => {
  const { ids } = await readJson(request, markReadSchema);
  const inbox = await markNotificationsRead(ctx, caller, ids, reader);
  return Response.json({ items: inbox.items, unread: inbox.unread, nextCursor: null });
});
