'use server';

import { runAction } from '@/lib/actions/run-action';
import { decideRequest } from '@/lib/requests/decide-request';
import { decisionSchema, requestIdSchema } from '@/lib/validation/request';
import { type RequestActionState, formText } from '../_lib/action-state';
import { revalidateRequestPages } from '../_lib/revalidate-request-pages';

const decisionFormSchema = decisionSchema.extend({ requestId: requestIdSchema });

/** An Account Representative approves or rejects a request in review (approvals page and request page). */
export async function decideRequestAction(
  requestId: string,
  _previous: RequestActionState,
  formData: FormData,
): Promise<RequestActionState> {
  const result = await runAction(
    decisionFormSchema,
    { requestId, decision: formText(formData, 'decision'), comment: formText(formData, 'comment') },
    async ({ caller, ctx, input }) => {
      const request = await decideRequest(ctx, caller, input.requestId, {
        decision: input.decision,
        comment: input.comment,
      });
      return { id: request.id, status: request.status };
    },
  );
  // On failure (say, someone else decided first) the pages stay as they are, so the form can show why.
  if (result.ok) revalidateRequestPages(requestId);
  return result;
}
