import type { ActionResult } from '@/lib/actions/run-action';

export type AdminFormState = ActionResult<null> | null;
export type AdminFormAction = (previous: AdminFormState, formData: FormData) => Promise<AdminFormState>;
