'use server';

import { redirect } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { runAction } from '@/lib/actions/run-action';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestBodyFromForm } from '@/lib/validation/request-form';
import { createRequestSchema } from '@/lib/validation/request';
import type { RequestActionState } from '../../_lib/action-state';
import { requestPageWithNotice } from '../../_lib/request-notice';
import { revalidateRequestPages } from '../../_lib/revalidate-request-pages';

/** Submits the new-request form through the same schema as the API; on success, opens the request, which says what became of it. */
export async function createRequestAction(_previous: RequestActionState, formData: FormData): Promise<RequestActionState> {
  // The rep reads the expected peak in the submitter's words; a zone-less end is the submitter's wall-clock time.
  const [t, timeZone] = await Promise.all([getTranslations('requests.expectedPeak'), getTimeZone()]);
  const body = createRequestBodyFromForm(formData, { expectedPeakLine: (peak) => t('line', { peak }), timeZone });
  const result = await runAction(createRequestSchema, body, async ({ caller, ctx, input }) => {
    const request = await submitRequest(ctx, caller, input);
    return { id: request.id, status: request.status };
  });
  if (!result.ok) return result;
  revalidateRequestPages(result.data.id);
  // Outside runAction's try: redirect works by throwing, and that must reach Next untouched.
  redirect(requestPageWithNotice(result.data.id, 'submitted'));
}
