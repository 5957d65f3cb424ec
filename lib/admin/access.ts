import 'server-only';
import type { Transaction } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { type Permission, type RoleMapping, isAccountRep, resolvePermissions } from '@/lib/auth/permissions';
import {
  deleteRoleMapping,
  findUserById,
  listGroupHolders,
  listRoleMappingDetails,
  listUsers,
  lockRoleMappings,
  lockTenantFlags,
  setTenantFlags,
  upsertRoleMapping,
} from '@/lib/data/access';
import { recordAudit } from '@/lib/data/audit';
import { countLiveSessions, endUserSessions } from '@/lib/data/sessions';
import { listTenants } from '@/lib/data/tenants';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/use-case-context';
import { type TenantView, toTenantView } from '@/lib/requests/views';
import type { EndUserSessionsInput, RoleMappingInput, TenantFlagsInput } from '@/lib/validation/access';

/** SPEC §3: permissions are set only by an Account Representative. */
function requireAccountRep(caller: Caller): void {
  if (!isAccountRep(caller)) throw new AppError('forbidden', { action: 'manage_access' });
}

export type AccessOverview = {
  mappings: { group: string; permissions: string[]; updatedBy: string | null; updatedAt: string }[];
  tenants: TenantView[];
  users: {
    id: string;
    email: string;
    name: string;
    homeTenantId: string | null;
    groups: string[];
    permissions: Permission[];
    liveSessions: number;
  }[];
};

export async function getAccessOverview(ctx: UseCaseContext, caller: Caller): Promise<AccessOverview> {
  requireAccountRep(caller);
  const [mappings, tenants, users, sessions] = await Promise.all([
    listRoleMappingDetails(ctx.db),
    listTenants(ctx.db, { kind: 'all' }),
    listUsers(ctx.db),
    countLiveSessions(ctx.db, ctx.clock()),
  ]);
  return {
    mappings: mappings.map((mapping) => ({ ...mapping, updatedAt: mapping.updatedAt.toISOString() })),
    tenants: tenants.map(toTenantView),
    users: users.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      homeTenantId: user.homeTenantId,
      groups: user.groups,
      permissions: [...resolvePermissions(user.groups, mappings)],
      liveSessions: sessions.get(user.id) ?? 0,
    })),
  };
}

/** The mappings as they would be once `group` maps to `next`, or is removed (null). */
function mappingsAfter(mappings: readonly RoleMapping[], group: string, next: readonly string[] | null): RoleMapping[] {
  const others = mappings.filter((mapping) => mapping.group !== group);
  return next === null ? others : [...others, { group, permissions: next }];
}

/**
 * Checks a change of the mapping of `group` against the users it would affect, with every mapping
 * locked so that two changes cannot each pass alone and together break the rules:
 * - SPEC §3, separation of duties: a partner user (one with a home tenant) never holds account_rep;
 * - somebody must still be able to manage access: at least one user who is not a partner user keeps
 *   account_rep. Users are counted, not groups: a group nobody holds (a `__proto__` mapped for the
 *   occasion) keeps nobody in charge.
 */
async function checkMappingChange(tx: Transaction, group: string, next: readonly string[] | null): Promise<void> {
  const mappings = await lockRoleMappings(tx);
  const holders = await listGroupHolders(tx);
  if (next?.includes('account_rep')) {
    const partner = holders.find((holder) => holder.homeTenantId !== null && holder.groups.includes(group));
    if (partner) {
      throw new AppError('partner_account_rep', {
        group,
        email: partner.email,
        tenantId: partner.homeTenantId ?? '',
      });
    }
  }
  const after = mappingsAfter(mappings, group, next);
  const keepsARep = holders.some(
    (holder) => holder.homeTenantId === null && resolvePermissions(holder.groups, after).has('account_rep'),
  );
  if (!keepsARep) {
    throw new AppError('last_account_rep_mapping');
  }
}

export async function saveRoleMapping(ctx: UseCaseContext, caller: Caller, input: RoleMappingInput): Promise<void> {
  requireAccountRep(caller);
  const now = ctx.clock();
  const permissions = [...new Set(input.permissions)].sort();
  await ctx.db.transaction(async (tx) => {
    await checkMappingChange(tx, input.group, permissions);
    const { before } = await upsertRoleMapping(tx, { group: input.group, permissions, updatedBy: caller.email, now });
    await recordAudit(tx, {
      actor: caller.email,
      action: 'role_mapping_saved',
      details: { group: input.group, before, after: permissions },
    });
  });
}

export async function removeRoleMapping(ctx: UseCaseContext, caller: Caller, group: string): Promise<void> {
  requireAccountRep(caller);
  await ctx.db.transaction(async (tx) => {
    await checkMappingChange(tx, group, null);
    const before = await deleteRoleMapping(tx, group);
    if (!before) throw new AppError('not_found', { what: 'mapping', group });
    await recordAudit(tx, { actor: caller.email, action: 'role_mapping_removed', details: { group, before } });
  });
}

export async function updateTenantFlags(ctx: UseCaseContext, caller: Caller, input: TenantFlagsInput): Promise<void> {
  requireAccountRep(caller);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const before = await lockTenantFlags(tx, input.tenantId);
    if (!before) throw new AppError('not_found', { what: 'tenant' });
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
    });
  });
}

/**
 * Signs a user out everywhere: every live session of theirs ends at once (their next request asks
 * them to sign in again). Only an Account Representative may; audited with the count.
 */
export async function endAllSessions(ctx: UseCaseContext, caller: Caller, input: EndUserSessionsInput): Promise<{ ended: number }> {
  requireAccountRep(caller);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('not_found', { what: 'user' });
    const ended = await endUserSessions(tx, user.id, now);
    await recordAudit(tx, { actor: caller.email, action: 'sessions_ended', details: { email: user.email, count: ended } });
    return { ended };
  });
}
