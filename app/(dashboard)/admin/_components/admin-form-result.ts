import type { ActionResult } from '@/lib/actions/run-action';
import type { AdminFormState } from './admin-form-state';

/** An admin action's answer to its form; on success the admin pages and the layout re-render. */
export function adminFormResult(result: ActionResult<unknown>, revalidate: () => void): AdminFormState {
  if (!result.ok) return result;
  revalidate();
  return { ok: true, data: null };
}
