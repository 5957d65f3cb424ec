// GET /api/v1/tenants/{id}/usage?from=&to=&bucket=minute|hour|day: a tenant's peak ports in use per
// bucket (hour unless asked; the last 2, 30 or 365 days unless a range is given) and its limits as
// they were at each moment, for the caller's tenants only.
import { AppError } from '@/lib/domain/errors';
import { apiRoute, parseId, readQuery } from '@/lib/http/api-route';
import { getTenantUsage } from '@/lib/usage/read-usage';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { usageSeriesQuerySchema } from '@/lib/validation/usage-series';

const tenantNotFound = () => new AppError('not_found', { what: 'tenant' });

export const GET = apiRoute<{ id: string }>(async ({ request, caller, ctx, params }) => {
  const tenantId = parseId(params.id, tenantIdSchema, tenantNotFound);
  return Response.json(await getTenantUsage(ctx, caller, tenantId, readQuery(request, usageSeriesQuerySchema)));
});
