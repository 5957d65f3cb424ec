// POST /api/v1/usage: the platform's metrics pipeline posts usage samples (issue 13 §1), up to
// 10,000 per call, with a personal API token of a user holding usage:write; never with the cookie.
import { apiRoute, readJson } from '@/lib/http/api-route';
import { ingestUsage, requireUsageWriter } from '@/lib/usage/ingest-usage';
import { USAGE_MAX_BODY_BYTES, usageBatchSchema } from '@/lib/validation/usage';

export const POST = apiRoute(
  async ({ request, caller, ctx }) => {
    // Refused before its body is read: a megabyte is not parsed for a caller who may not send it.
    requireUsageWriter(caller);
    return Response.json(await ingestUsage(ctx, caller, await readJson(request, usageBatchSchema)));
  },
  { tokenOnly: true, maxBodyBytes: USAGE_MAX_BODY_BYTES },
);
