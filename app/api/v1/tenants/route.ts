// GET /api/v1/tenants?cursor=&limit=: the tenants the caller may see, by name, a page at a time
// (100 unless `limit` says up to 500), with limits and open request.
import { apiRoute, readQuery } from '@/lib/http/api-route';
import { listVisibleTenantPage } from '@/lib/requests/read-requests';
import { listTenantsQuerySchema } from '@/lib/validation/tenant';

export const GET = apiRoute(async ({ request, caller, ctx }) => {
  return Response.json(await listVisibleTenantPage(ctx, caller, readQuery(request, listTenantsQuerySchema)));
});
