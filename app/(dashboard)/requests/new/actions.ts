'use server';

import { redirect } from 'next/navigation';
import { runAction } from '@/lib/actions/run-action';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestBodyFromForm } from '@/lib/validation/request-form';
import { createRequestSchema } from '@/lib/validation/request';
import type { RequestActionState } from '../../_lib/action-state';
import { revalidateRequestPages } from '../../_lib/revalidate-request-pages';

/** Submits the new-request form through the same schema as the API; on success, opens the request. */
export async function createRequestAction(_previous: RequestActionState, formData: FormData): Promise<RequestActionState> {
  const result = await runAction(createRequestSchema, createRequestBodyFromForm(formData), async ({ caller, ctx, input }) => {
    const request = await submitRequest(ctx, caller, input);
    return { id: request.id, status: request.status };
  });
  if (!result.ok) return result;
  revalidateRequestPages(result.data.id);
  // Outside runAction's try: redirect works by throwing, and that must reach Next untouched.
  redirect(`/requests/${result.data.id}`);
}
