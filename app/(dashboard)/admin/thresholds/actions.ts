'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, runAction } from '@/lib/actions/run-action';
import { updateGlobalSettings, updateTenantThreshold } from '@/lib/admin/thresholds';
import { globalSettingsSchema, tenantThresholdSchema } from '@/lib/validation/thresholds';
import type { GlobalSettingsState, TenantThresholdState } from './form-state';

const text = (formData: FormData, name: string) => formData.get(name) ?? '';

/** Network Operations save the daily threshold and the port price (typed in currency units). */
export async function saveGlobalSettingsAction(_previous: GlobalSettingsState, formData: FormData): Promise<GlobalSettingsState> {
  const result = await runAction(
    globalSettingsSchema,
    { dailyThreshold: text(formData, 'dailyThreshold'), portPrice: text(formData, 'portPrice') },
    async ({ caller, ctx, input }) => {
      await updateGlobalSettings(ctx, caller, input);
      return input;
    },
  );
  return saved(result);
}

/** Network Operations set (or clear, for the global threshold) one tenant's daily threshold. */
export async function saveTenantThresholdAction(_previous: TenantThresholdState, formData: FormData): Promise<TenantThresholdState> {
  const result = await runAction(
    tenantThresholdSchema,
    { tenantId: text(formData, 'tenantId'), dailyThreshold: text(formData, 'dailyThreshold') },
    async ({ caller, ctx, input }) => {
      await updateTenantThreshold(ctx, caller, input);
      return input;
    },
  );
  return saved(result);
}

/** The answer to the form; on success the page (and the new-request form's outcome) re-render. */
function saved<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/admin/thresholds');
  return result;
}
