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
