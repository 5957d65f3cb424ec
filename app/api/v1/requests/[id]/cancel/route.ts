// POST /api/v1/requests/{id}/cancel: the requester withdraws an open request.
import { apiRoute, parseId } from '@/lib/http/api-route';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { requestNotFound } from '@/lib/requests/lock-request';
import { requestIdSchema } from '@/lib/validation/request';

export const POST = apiRoute<{ id: string }>(async ({ caller, ctx, params }) => {
  return Response.json(await cancelRequest(ctx, caller, parseId(params.id, requestIdSchema, requestNotFound)));
});
