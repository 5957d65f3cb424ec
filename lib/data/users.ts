import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { roleMappings, users, type UserRow } from '@/db/schema';
import type { RoleMapping } from '@/lib/auth/permissions';

export async function getUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row ?? null;
}

export async function listRoleMappings(db: Executor): Promise<RoleMapping[]> {
  return db.select({ group: roleMappings.group, permissions: roleMappings.permissions }).from(roleMappings);
}

/** What the identity provider says about a user; written at each sign-in. */
export type UserProfile = Pick<UserRow, 'email' | 'name' | 'homeTenantId' | 'groups'>;

const byEmail = (email: string) => eq(sql`lower(${users.email})`, email.toLowerCase());

/** Brings an existing user's row in line with the profile; null when there is no such user. */
export async function updateUserByEmail(
  db: Executor,
  profile: UserProfile,
  lastSignInAt?: Date,
): Promise<UserRow | null> {
  const { name, homeTenantId, groups } = profile;
  const [row] = await db
    .update(users)
    .set({ name, homeTenantId, groups, updatedAt: sql`now()`, ...(lastSignInAt ? { lastSignInAt } : {}) })
    .where(byEmail(profile.email))
    .returning();
  return row ?? null;
}

/**
 * Creates the user or updates it, matched by e-mail without regard to case. The unique index on
 * lower(email) settles two first sign-ins of one person racing: the loser updates the winner's row.
 */
export async function upsertUserByEmail(db: Executor, profile: UserProfile, lastSignInAt: Date): Promise<UserRow> {
  const updated = await updateUserByEmail(db, profile, lastSignInAt);
  if (updated) return updated;
  const [inserted] = await db
    .insert(users)
    .values({ ...profile, email: profile.email.toLowerCase(), lastSignInAt })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const raced = await updateUserByEmail(db, profile, lastSignInAt);
  if (!raced) throw new Error('user row vanished while signing in');
  return raced;
}
