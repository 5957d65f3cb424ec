// POST /api/v1/requests/{id}/information: the requester's justification; pending_info → in_review.
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { addInformation } from '@/lib/requests/add-information';
import { requestNotFound } from '@/lib/requests/lock-request';
import { addInformationSchema, requestIdSchema } from '@/lib/validation/request';

export const POST = apiRoute<{ id: string }>(async ({ request, caller, ctx, params }) => {
  const id = parseId(params.id, requestIdSchema, requestNotFound);
  return Response.json(await addInformation(ctx, caller, id, await readJson(request, addInformationSchema)));
});
