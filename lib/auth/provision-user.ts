import 'server-only';
import type { Executor } from '@/db/client';
import type { UserRow } from '@/db/schema';
import { getTenant } from '@/lib/data/tenants';
import {
  getUserByEmail,
  getUserBySubject,
  insertSignedInUser,
  listRoleMappings,
  type OidcSubject,
  updateSignedInUser,
  type UserProfile,
} from '@/lib/data/users';
import { isAccountRep, isNetworkOps, resolvePermissions } from './permissions';
import type { SsoIdentity } from './sso-identity';

/** Why an SSO sign-in was refused; the refusal page explains each one. */
export const REFUSAL_REASONS = [
  'missing_email',
  'missing_subject',
  'unverified_email',
  'identity_conflict',
  'no_access',
  'no_tenant',
  'unknown_tenant',
  'partner_account_rep',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type ProvisionResult = { ok: true; user: UserRow } | { ok: false; reason: RefusalReason };

/**
 * Creates or updates the user from what the identity provider says, or refuses the sign-in (SPEC §3).
 * The user is the IdP's (issuer, subject): a known subject updates its own row whatever e-mail it
 * now has; a new subject takes over an existing row by e-mail only while that row is bound to no
 * subject (demo and pre-created users), and an e-mail another subject holds is `identity_conflict`.
 * Every check is made before anything is written: a refused sign-in changes nothing.
 */
export async function provisionUser(db: Executor, identity: SsoIdentity, now: Date): Promise<ProvisionResult> {
  if (!identity.email) return { ok: false, reason: 'missing_email' };
  if (!identity.subject) return { ok: false, reason: 'missing_subject' };
  // An address the IdP has not verified could be anyone's: it must not sign in nor touch that user's row.
  if (!identity.emailVerified) return { ok: false, reason: 'unverified_email' };
  const subject: OidcSubject = { issuer: identity.issuer, subject: identity.subject };

  const [mappings, tenant, bySubject, byEmail] = await Promise.all([
    listRoleMappings(db),
    identity.tenantId ? getTenant(db, { kind: 'all' }, identity.tenantId) : null,
    getUserBySubject(db, subject.issuer, subject.subject),
    getUserByEmail(db, identity.email),
  ]);
  // The two reads run at once, each with its own snapshot: a racing first sign-in of this subject may
  // have committed its row between them, found by e-mail only. That row is this user's own.
  const bound = bySubject ?? (byEmail && byEmail.oidcIssuer === subject.issuer && byEmail.oidcSubject === subject.subject ? byEmail : null);
  // The e-mail belongs to another user: one bound to another subject, or any other row while this subject has its own.
  if (byEmail && byEmail.id !== bound?.id && (bound !== null || byEmail.oidcSubject !== null)) {
    return { ok: false, reason: 'identity_conflict' };
  }

  const permissions = resolvePermissions(identity.groups, mappings);
  const staff = isAccountRep({ permissions }) || isNetworkOps({ permissions });
  const reason = refusalReason(identity, permissions.size > 0, Boolean(tenant), staff, isAccountRep({ permissions }));
  if (reason) return { ok: false, reason };

  const profile: UserProfile = { email: identity.email, name: identity.name, homeTenantId: tenant?.id ?? null, groups: identity.groups, locale: identity.locale };
  const user = await writeSignedInUser(db, bound ?? byEmail, profile, subject, now);
  return user ? { ok: true, user } : { ok: false, reason: 'identity_conflict' };
}

async function writeSignedInUser(db: Executor, existing: UserRow | null, profile: UserProfile, subject: OidcSubject, now: Date) {
  if (existing) return updateSignedInUser(db, existing.id, profile, subject, now);
  const inserted = await insertSignedInUser(db, profile, subject, now);
  if (inserted) return inserted;
  // Two first sign-ins raced: the same subject updates the winner's row; another subject is refused.
  const winner = await getUserBySubject(db, subject.issuer, subject.subject);
  return winner ? updateSignedInUser(db, winner.id, profile, subject, now) : null;
}

function refusalReason(identity: SsoIdentity, granted: boolean, tenantKnown: boolean, staff: boolean, accountRep: boolean): RefusalReason | null {
  if (!granted) return 'no_access';
  // A tenant claim that names no tenant is a misconfiguration worth fixing, even for staff.
  if (identity.tenantId && !tenantKnown) return 'unknown_tenant';
  if (!identity.tenantId && !staff) return 'no_tenant';
  // Separation of duties: a partner's own user must not approve partners' requests (README, Security).
  if (identity.tenantId && accountRep) return 'partner_account_rep';
  return null;
}
