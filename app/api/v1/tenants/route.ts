// GET /api/v1/tenants: the tenants the caller may see, with limits and open request.
import { apiRoute } from '@/lib/http/api-route';
import { listVisibleTenants } from '@/lib/requests/read-requests';

export const GET = apiRoute(async ({ caller, ctx }) => {
  const items = await listVisibleTenants(ctx, caller);
  return Response.json({ items, nextCursor: null });
});
