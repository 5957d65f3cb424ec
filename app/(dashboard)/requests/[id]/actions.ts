'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { runAction } from '@/lib/actions/run-action';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { addInformationSchema, requestIdSchema } from '@/lib/validation/request';
import { justificationFromForm } from '@/lib/validation/request-form';
import type { RequestActionState } from '../../_lib/action-state';
import { revalidateRequestPages } from '../../_lib/revalidate-request-pages';

const addInformationFormSchema = addInformationSchema.extend({ requestId: requestIdSchema });
const cancelFormSchema = z.strictObject({ requestId: requestIdSchema });

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
  if (result.ok) revalidateRequestPages(requestId);
  return result;
}

/** The requester withdraws an open request. */
export async function cancelRequestAction(requestId: string): Promise<RequestActionState> {
  const result = await runAction(cancelFormSchema, { requestId }, async ({ caller, ctx, input }) => {
    const request = await cancelRequest(ctx, caller, input.requestId);
    return { id: request.id, status: request.status };
  });
  if (result.ok) revalidateRequestPages(requestId);
  return result;
}
