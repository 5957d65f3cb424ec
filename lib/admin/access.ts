import 'server-only';
import type { Transaction } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { type Permission, isAccountRep, resolvePermissions } from '@/lib/auth/permissions';
import {
  deleteRoleMapping,
  listRoleMappingDetails,
  listUsers,
  lockRoleMappings,
  lockTenantFlags,
  setTenantFlags,
  upsertRoleMapping,
} from '@/lib/data/access';
import { recordAudit } from '@/lib/data/audit';
import { listTenants } from '@/lib/data/tenants';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/requests/context';
import { type TenantView, toTenantView } from '@/lib/requests/views';
import type { RoleMappingInput, TenantFlagsInput } from '@/lib/validation/access';

/** SPEC §3: permissions are set only by an Account Representative. */
function requireAccountRep(caller: Caller): void {
  if (!isAccountRep(caller)) throw new AppError('forbidden', 'Only Account Representatives can manage access.');
}

export type AccessOverview = {
  mappings: { group: string; permissions: string[]; updatedBy: string | null; updatedAt: string }[];
  tenants: TenantView[];
  users: { email: string; name: string; homeTenantId: string | null; groups: string[]; permissions: Permission[] }[];
};

export async function getAccessOverview(ctx: UseCaseContext, caller: Caller): Promise<AccessOverview> {
  requireAccountRep(caller);
  const [mappings, tenants, users] = await Promise.all([
    listRoleMappingDetails(ctx.db),
    listTenants(ctx.db, { kind: 'all' }),
    listUsers(ctx.db),
  ]);
  return {
    mappings: mappings.map((mapping) => ({ ...mapping, updatedAt: mapping.updatedAt.toISOString() })),
    tenants: tenants.map(toTenantView),
    users: users.map((user) => ({
      email: user.email,
      name: user.name,
      homeTenantId: user.homeTenantId,
      groups: user.groups,
      permissions: [...resolvePermissions(user.groups, mappings)],
    })),
  };
}

/** Refuses a change that would leave no group granting account_rep: nobody could manage access again. */
async function keepsAnAccountRepGroup(tx: Transaction, changedGroup: string, nextPermissions: readonly string[]) {
  const mappings = await lockRoleMappings(tx);
  const remaining = mappings.some((mapping) =>
    mapping.group === changedGroup ? nextPermissions.includes('account_rep') : mapping.permissions.includes('account_rep'),
  );
  if (!remaining) {
    throw new AppError(
      'last_account_rep_mapping',
      'At least one SSO group must keep the account_rep permission, or nobody could manage access any more.',
    );
  }
}

export async function saveRoleMapping(ctx: UseCaseContext, caller: Caller, input: RoleMappingInput): Promise<void> {
  requireAccountRep(caller);
  const now = ctx.clock();
  const permissions = [...new Set(input.permissions)].sort();
  await ctx.db.transaction(async (tx) => {
    await keepsAnAccountRepGroup(tx, input.group, permissions);
    const { before } = await upsertRoleMapping(tx, { group: input.group, permissions, updatedBy: caller.email, now });
    await recordAudit(tx, {
      actor: caller.email,
      action: 'role_mapping_saved',
      details: { group: input.group, before, after: permissions },
      at: now,
    });
  });
}

export async function removeRoleMapping(ctx: UseCaseContext, caller: Caller, group: string): Promise<void> {
  requireAccountRep(caller);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await keepsAnAccountRepGroup(tx, group, []);
    const before = await deleteRoleMapping(tx, group);
    if (!before) throw new AppError('not_found', `No mapping for the group ${group}.`);
    await recordAudit(tx, { actor: caller.email, action: 'role_mapping_removed', details: { group, before }, at: now });
  });
}

export async function updateTenantFlags(ctx: UseCaseContext, caller: Caller, input: TenantFlagsInput): Promise<void> {
  requireAccountRep(caller);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const before = await lockTenantFlags(tx, input.tenantId);
    if (!before) throw new AppError('not_found', 'No such tenant.');
    const after = {
      monitoringGatewayEnabled: input.monitoringGatewayEnabled,
      personalConnectionEnabled: input.personalConnectionEnabled,
    };
    await setTenantFlags(tx, input.tenantId, after, now);
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: caller.email,
      action: 'tenant_flags_changed',
      details: { before, after },
      at: now,
    });
  });
}
