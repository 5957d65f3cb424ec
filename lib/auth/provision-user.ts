import 'server-only';
import type { Executor } from '@/db/client';
import type { UserRow } from '@/db/schema';
import { getTenant } from '@/lib/data/tenants';
import { listRoleMappings, updateUserByEmail, upsertUserByEmail, type UserProfile } from '@/lib/data/users';
import { isAccountRep, isNetworkOps, resolvePermissions } from './permissions';
import type { SsoIdentity } from './sso-identity';

/** Why an SSO sign-in was refused; the refusal page explains each one. */
export const REFUSAL_REASONS = ['missing_email', 'unverified_email', 'no_access', 'no_tenant', 'unknown_tenant'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type ProvisionResult = { ok: true; user: UserRow } | { ok: false; reason: RefusalReason };

/**
 * Creates or updates the user from what the identity provider says, or refuses the sign-in (SPEC §3):
 * the groups must map to some permission through the current role mapping, and a partner user needs
 * a home tenant that exists. Account Representatives and Network Operations need no home tenant.
 */
export async function provisionUser(db: Executor, identity: SsoIdentity, now: Date): Promise<ProvisionResult> {
  if (!identity.email) return { ok: false, reason: 'missing_email' };
  // An address the IdP has not verified could be anyone's: it must not sign in nor touch that user's row.
  if (!identity.emailVerified) return { ok: false, reason: 'unverified_email' };

  const [mappings, tenant] = await Promise.all([
    listRoleMappings(db),
    identity.tenantId ? getTenant(db, { kind: 'all' }, identity.tenantId) : null,
  ]);
  const permissions = resolvePermissions(identity.groups, mappings);
  const profile: UserProfile = {
    email: identity.email,
    name: identity.name,
    homeTenantId: tenant?.id ?? null,
    groups: identity.groups,
  };

  const reason = refusalReason(identity, permissions.size > 0, Boolean(tenant), isAccountRep({ permissions }) || isNetworkOps({ permissions }));
  if (reason) {
    // A known user is still brought up to date, so that sessions signed in elsewhere lose at once
    // what the IdP has taken away (permissions are resolved from this row on every request).
    await updateUserByEmail(db, profile);
    return { ok: false, reason };
  }
  return { ok: true, user: await upsertUserByEmail(db, profile, now) };
}

function refusalReason(identity: SsoIdentity, granted: boolean, tenantKnown: boolean, staff: boolean): RefusalReason | null {
  if (!granted) return 'no_access';
  // A tenant claim that names no tenant is a misconfiguration worth fixing, even for staff.
  if (identity.tenantId && !tenantKnown) return 'unknown_tenant';
  if (!identity.tenantId && !staff) return 'no_tenant';
  return null;
}
