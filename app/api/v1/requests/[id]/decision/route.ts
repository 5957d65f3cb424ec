// POST /api/v1/requests/{id}/decision: an Account Representative approves or rejects.
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { decideRequest } from '@/lib/requests/decide-request';
import { requestNotFound } from '@/lib/requests/lock-request';
import { decisionSchema, requestIdSchema } from '@/lib/validation/request';

export const POST = apiRoute<{ id: string }>(async ({ request, caller, ctx, params }) => {
  const id = parseId(params.id, requestIdSchema, requestNotFound);
  return Response.json(await decideRequest(ctx, caller, id, await readJson(request, decisionSchema)));
});
