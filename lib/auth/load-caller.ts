import 'server-only';
import type { Executor } from '@/db/client';
import { listTreeTenantIds } from '@/lib/data/tenants';
import { getUserByEmail, listRoleMappings } from '@/lib/data/users';
import type { Caller } from './caller';
import { isAccountRep, resolvePermissions } from './permissions';
import { NO_TENANTS, type TenantScope } from './scope';

/**
 * Resolves who is calling from the database on every request, so a changed role mapping or a
 * removed group takes effect at once rather than when the session expires.
 */
export async function loadCaller(db: Executor, email: string): Promise<Caller | null> {
  const [user, mappings] = await Promise.all([getUserByEmail(db, email), listRoleMappings(db)]);
  if (!user) return null;
  const permissions = resolvePermissions(user.groups, mappings);
  let scope: TenantScope = NO_TENANTS;
  if (isAccountRep({ permissions })) scope = { kind: 'all' };
  else if (user.homeTenantId) scope = { kind: 'tenants', tenantIds: await listTreeTenantIds(db, user.homeTenantId) };
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    homeTenantId: user.homeTenantId,
    groups: user.groups,
    permissions,
    scope,
  };
}
