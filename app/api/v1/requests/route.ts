// GET /api/v1/requests: the caller's requests, filtered (tenantId, status, q, from, to), sorted
// (sort, newest first unless asked), cursor paginated, with the total that match.
// POST /api/v1/requests: submit a change request (201 with the request as stored).
import { apiRoute, readJson, readQuery } from '@/lib/http/api-route';
import { presentRequest } from '@/lib/i18n/present-request';
import { listVisibleRequests } from '@/lib/requests/read-requests';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema, listRequestsQuerySchema } from '@/lib/validation/request';

export const GET = apiRoute(async ({ request, caller, ctx, reader, t }) => {
  const page = await listVisibleRequests(ctx, caller, readQuery(request, listRequestsQuerySchema), reader);
  return Response.json({ ...page, items: page.items.map((item) => presentRequest(item, t)) });
});

export const POST = apiRoute(async ({ request, caller, ctx, t }) => {
  const input = await readJson(request, createRequestSchema);
  const created = presentRequest(await submitRequest(ctx, caller, input), t);
  return Response.json(created, { status: 201, headers: { Location: `/api/v1/requests/${created.id}` } });
});
