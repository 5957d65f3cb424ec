'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, runAction } from '@/lib/actions/run-action';
import { endAllSessions, removeRoleMapping, saveRoleMapping, updateTenantFlags } from '@/lib/admin/access';
import { deleteRoleMappingSchema, endUserSessionsSchema, roleMappingSchema, tenantFlagsSchema } from '@/lib/validation/access';
import type { AdminFormState } from '../_components/admin-form-state';
import { adminFormResult } from '../_components/admin-form-result';

const done = (result: ActionResult<unknown>) =>
  adminFormResult(result, () => {
    revalidatePath('/admin/access');
    revalidatePath('/', 'layout');
  });

export async function saveRoleMappingAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(
      roleMappingSchema,
      { group: formData.get('group') ?? '', permissions: formData.getAll('permissions') },
      ({ caller, ctx, input }) => saveRoleMapping(ctx, caller, input),
    ),
  );
}

export async function removeRoleMappingAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(deleteRoleMappingSchema, { group: formData.get('group') ?? '' }, ({ caller, ctx, input }) =>
      removeRoleMapping(ctx, caller, input.group),
    ),
  );
}

export async function updateTenantFlagsAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(
      tenantFlagsSchema,
      {
        tenantId: formData.get('tenantId') ?? '',
        monitoringGatewayEnabled: formData.get('monitoringGatewayEnabled') === 'on',
        personalConnectionEnabled: formData.get('personalConnectionEnabled') === 'on',
      },
      ({ caller, ctx, input }) => updateTenantFlags(ctx, caller, input),
    ),
  );
}

export async function endUserSessionsAction(_previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  return done(
    await runAction(endUserSessionsSchema, { userId: formData.get('userId') ?? '' }, ({ caller, ctx, input }) =>
      endAllSessions(ctx, caller, input),
    ),
  );
}
