'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { runAction } from '@/lib/actions/run-action';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { addInformationSchema, requestIdSchema } from '@/lib/validation/request';
import { justificationFromForm } from '@/lib/validation/request-form';
import type { RequestActionState } from '../../_lib/action-state';
import { decideFromForm, decisionFormInput, decisionFormSchema } from '../../_lib/decide-from-form';
import { requestPageWithNotice } from '../../_lib/request-notice';
import { revalidateRequestPages } from '../../_lib/revalidate-request-pages';

const addInformationFormSchema = addInformationSchema.extend({ requestId: requestIdSchema });
const cancelFormSchema = z.strictObject({ requestId: requestIdSchema });

// Each action below ends, on success, by opening the request page again with a notice of what was
// done: the form that was used is gone from the page by then (the request moved on). The redirect
// is outside runAction's try: it works by throwing, and that must reach Next untouched.

/** The requester answers "more information": pending_info → in_review. */
export async function addInformationAction(
  requestId: string,
  _previous: RequestActionState,
  formData: FormData,
): Promise<RequestActionState> {
  // The rep reads the expected peak in the requester's words.
  const t = await getTranslations('requests.expectedPeak');
  const justification = justificationFromForm(formData, (peak) => t('line', { peak }));
  const result = await runAction(
    addInformationFormSchema,
    { requestId, justification },
    async ({ caller, ctx, input }) => {
      const request = await addInformation(ctx, caller, input.requestId, { justification: input.justification });
      return { id: request.id, status: request.status };
    },
  );
  if (!result.ok) return result;
  revalidateRequestPages(requestId);
  redirect(requestPageWithNotice(requestId, 'information'));
}

/** The requester withdraws an open request (after confirming it). */
export async function cancelRequestAction(requestId: string): Promise<RequestActionState> {
  const result = await runAction(cancelFormSchema, { requestId }, async ({ caller, ctx, input }) => {
    const request = await cancelRequest(ctx, caller, input.requestId);
    return { id: request.id, status: request.status };
  });
  if (!result.ok) return result;
  revalidateRequestPages(requestId);
  redirect(requestPageWithNotice(requestId, 'cancelled'));
}

/** An Account Representative decides a request in review from its own page. */
export async function decideOnRequestPageAction(
  requestId: string,
  _previous: RequestActionState,
  formData: FormData,
): Promise<RequestActionState> {
  const result = await runAction(decisionFormSchema, decisionFormInput(requestId, formData), decideFromForm);
  if (!result.ok) return result;
  revalidateRequestPages(requestId);
  redirect(requestPageWithNotice(requestId, 'decided'));
}
