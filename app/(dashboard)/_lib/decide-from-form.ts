import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { decideRequest } from '@/lib/requests/decide-request';
import type { UseCaseContext } from '@/lib/use-case-context';
import { decisionSchema, requestIdSchema } from '@/lib/validation/request';
import { formText } from './action-state';

/**
 * A rep's decision from a form, shared by the approvals page's action and the request page's:
 * approve, or reject with a comment the requester reads.
 */
export const decisionFormSchema = decisionSchema.extend({ requestId: requestIdSchema });

export function decisionFormInput(requestId: string, formData: FormData) {
  return { requestId, decision: formText(formData, 'decision'), comment: formText(formData, 'comment') };
}

export async function decideFromForm({
  caller,
  ctx,
  input,
}: {
  caller: Caller;
  ctx: UseCaseContext;
  input: { requestId: string; decision: 'approve' | 'reject'; comment: string };
}) {
  const request = await decideRequest(ctx, caller, input.requestId, { decision: input.decision, comment: input.comment });
  return { id: request.id, status: request.status };
}
