import type { ActionResult } from '@/lib/actions/run-action';
import type { RequestStatus } from '@/lib/domain/lifecycle';

/** What the request actions answer to their forms (null before the first submission). */
export type RequestActionState = ActionResult<{ id: string; status: RequestStatus }> | null;

/** A server action bound to one request, as useActionState calls it. */
export type RequestFormAction = (previous: RequestActionState, formData: FormData) => Promise<RequestActionState>;

/** A form field as a string, so the shared schema reports a missing one with its own sentence. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}
