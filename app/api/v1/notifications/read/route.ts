// POST /api/v1/notifications/read: mark some or all of the caller's notifications read.
import { apiRoute, readJson } from '@/lib/http/api-route';
import { markNotificationsRead } from '@/lib/notifications/inbox';
import { markReadSchema } from '@/lib/validation/notifications';

export const POST = apiRoute(async ({ request, caller, ctx }) => {
  const { ids } = await readJson(request, markReadSchema);
  const inbox = await markNotificationsRead(ctx, caller, ids);
  return Response.json({ items: inbox.items, unread: inbox.unread, nextCursor: null });
});
