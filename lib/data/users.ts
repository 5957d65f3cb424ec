import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { roleMappings, users, type UserRow } from '@/db/schema';
import type { RoleMapping } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/i18n/locales';

const byEmail = (email: string) => eq(sql`lower(${users.email})`, email.toLowerCase());

export async function getUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(byEmail(email));
  return row ?? null;
}

/** The user an identity provider's (issuer, subject) is bound to. */
export async function getUserBySubject(db: Executor, issuer: string, subject: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)));
  return row ?? null;
}

export async function listRoleMappings(db: Executor): Promise<RoleMapping[]> {
  return db.select({ group: roleMappings.group, permissions: roleMappings.permissions }).from(roleMappings);
}

/** What the identity provider says about a user; written at each sign-in. */
export type UserProfile = Pick<UserRow, 'email' | 'name' | 'homeTenantId' | 'groups'> & {
  /** The identity provider's language; it becomes the user's choice only while they have made none. */
  locale: Locale | null;
};
export type OidcSubject = { issuer: string; subject: string };

/**
 * Brings the user's row in line with a sign-in, binding it to the subject when it is not bound
 * yet. The condition is in the UPDATE itself, so a row another subject bound meanwhile is left alone
 * (null answered).
 */
export async function updateSignedInUser(
  db: Executor,
  userId: string,
  profile: UserProfile,
  identity: OidcSubject,
  lastSignInAt: Date,
): Promise<UserRow | null> {
  const { email, name, homeTenantId, groups, locale } = profile;
  const [row] = await db
    .update(users)
    .set({ email: email.toLowerCase(), name, homeTenantId, groups, locale: sql`coalesce(${users.locale}, ${locale})`, oidcIssuer: identity.issuer, oidcSubject: identity.subject, lastSignInAt, updatedAt: sql`now()` })
    .where(
      and(
        eq(users.id, userId),
        sql`(${users.oidcSubject} is null or (${users.oidcIssuer} = ${identity.issuer} and ${users.oidcSubject} = ${identity.subject}))`,
      ),
    )
    .returning();
  return row ?? null;
}

/** A new user bound to the subject; null when the e-mail or the subject is taken (a race: look again). */
export async function insertSignedInUser(db: Executor, profile: UserProfile, identity: OidcSubject, lastSignInAt: Date): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values({ ...profile, email: profile.email.toLowerCase(), oidcIssuer: identity.issuer, oidcSubject: identity.subject, lastSignInAt })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}


/** The user's own language and time zone; an absent field is left as it is. */
export async function setUserPreferences(
  db: Executor,
  userId: string,
  preferences: { locale?: Locale; timeZone?: string },
): Promise<void> {
  if (preferences.locale === undefined && preferences.timeZone === undefined) return;
  await db
    .update(users)
    .set({ ...preferences, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}
