// GET /api/v1/requests/{id}: one request with its audit trail.
import { apiRoute, parseId } from '@/lib/http/api-route';
import { presentRequest } from '@/lib/i18n/present-request';
import { requestNotFound } from '@/lib/requests/lock-request';
import { getRequestDetail } from '@/lib/requests/read-requests';
import { requestIdSchema } from '@/lib/validation/request';

export const GET = apiRoute<{ id: string }>(async ({ caller, ctx, params, t }) => {
  const detail = await getRequestDetail(ctx, caller, parseId(params.id, requestIdSchema, requestNotFound));
  return Response.json({ ...presentRequest(detail.request, t), audit: detail.timeline });
});
