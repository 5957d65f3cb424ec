'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions/run-action';
import { turnOffAutoIncrease, turnOnAutoIncrease } from '@/lib/usage/auto-increase-switch';
import { autoIncreaseSwitchSchema } from '@/lib/validation/auto-increase';
import type { AutoIncreaseSwitchState } from './auto-increase-state';

/** The tenant page's switch: on (a requester of the tenant) or off (a requester or a rep), audited either way. */
export async function switchAutoIncreaseAction(_previous: AutoIncreaseSwitchState, formData: FormData): Promise<AutoIncreaseSwitchState> {
  const result = await runAction(
    autoIncreaseSwitchSchema,
    { tenantId: formData.get('tenantId') ?? '', enabled: formData.get('enabled') ?? '' },
    async ({ caller, ctx, input }) => {
      const view =
        input.enabled === 'on'
          ? await turnOnAutoIncrease(ctx, caller, input.tenantId)
          : await turnOffAutoIncrease(ctx, caller, input.tenantId);
      return { tenantId: view.tenantId, enabled: view.enabled ? ('on' as const) : ('off' as const) };
    },
  );
  if (!result.ok) return result;
  revalidatePath(`/tenants/${encodeURIComponent(result.data.tenantId)}`);
  return { ok: true, data: { enabled: result.data.enabled } };
}
