'use server';

import { runAction } from '@/lib/actions/run-action';
import type { RequestActionState } from '../_lib/action-state';
import { decideFromForm, decisionFormInput, decisionFormSchema } from '../_lib/decide-from-form';
import { revalidateRequestPages } from '../_lib/revalidate-request-pages';

/**
 * An Account Representative approves or rejects a request in review on the approvals page, which
 * keeps the decided card in place with its outcome.
 */
export async function decideRequestAction(
  requestId: string,
  _previous: RequestActionState,
  formData: FormData,
): Promise<RequestActionState> {
  const result = await runAction(decisionFormSchema, decisionFormInput(requestId, formData), decideFromForm);
  // On failure (say, someone else decided first) the page stays as it is, so the form can show why.
  if (result.ok) revalidateRequestPages(requestId);
  return result;
}
