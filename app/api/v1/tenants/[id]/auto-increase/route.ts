// GET /api/v1/tenants/{id}/auto-increase: whether SSPM raises the tenant's concurrent limit by itself
// when usage reaches 95 %, for whom and since when (issue 13 §7).
// PUT turns it on, on the caller's behalf (a requester of the tenant); DELETE turns it off (a
// requester or an Account Representative). Both are idempotent, audited, and take no body.
import { AppError } from '@/lib/domain/errors';
import { apiRoute, parseId } from '@/lib/http/api-route';
import { getAutoIncrease, turnOffAutoIncrease, turnOnAutoIncrease } from '@/lib/usage/auto-increase-switch';
import { tenantIdSchema } from '@/lib/validation/tenant';

const tenantNotFound = () => new AppError('not_found', { what: 'tenant' });

export const GET = apiRoute<{ id: string }>(async ({ caller, ctx, params }) => {
  return Response.json(await getAutoIncrease(ctx, caller, parseId(params.id, tenantIdSchema, tenantNotFound)));
});

export const PUT = apiRoute<{ id: string }>(async ({ caller, ctx, params }) => {
  return Response.json(await turnOnAutoIncrease(ctx, caller, parseId(params.id, tenantIdSchema, tenantNotFound)));
});

export const DELETE = apiRoute<{ id: string }>(async ({ caller, ctx, params }) => {
  return Response.json(await turnOffAutoIncrease(ctx, caller, parseId(params.id, tenantIdSchema, tenantNotFound)));
});
