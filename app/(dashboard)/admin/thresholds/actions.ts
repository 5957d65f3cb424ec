'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, runAction } from '@/lib/actions/run-action';
import { updateGlobalSettings, updateTenantThreshold } from '@/lib/admin/thresholds';
import { globalSettingsSchema, tenantThresholdSchema } from '@/lib/validation/thresholds';
import { adminFormResult } from '../_components/admin-form-result';
import type { AdminFormState } from '../_components/admin-form-state';

const done = (result: ActionResult<unknown>) => adminFormResult(result, () => revalidatePath('/admin/thresholds'));

export async function saveGlobalSettingsAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(
      globalSettingsSchema,
      { dailyThreshold: formData.get('dailyThreshold') ?? '', portPriceCents: formData.get('portPriceCents') ?? '' },
      ({ caller, ctx, input }) => updateGlobalSettings(ctx, caller, input),
    ),
  );
}

export async function saveTenantThresholdAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(
      tenantThresholdSchema,
      { tenantId: formData.get('tenantId') ?? '', dailyThreshold: formData.get('dailyThreshold') ?? '' },
      ({ caller, ctx, input }) => updateTenantThreshold(ctx, caller, input),
    ),
  );
}
