import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { roleMappings, tenants, users } from '@/db/schema';

export async function upsertRoleMapping(
  db: Executor,
  mapping: { group: string; permissions: string[]; updatedBy: string; now: Date },
): Promise<{ before: string[] | null }> {
  const [existing] = await db
    .select({ permissions: roleMappings.permissions })
    .from(roleMappings)
    .where(eq(roleMappings.group, mapping.group))
    .for('update');
  await db
    .insert(roleMappings)
    .values({ group: mapping.group, permissions: mapping.permissions, updatedBy: mapping.updatedBy, updatedAt: mapping.now })
    .onConflictDoUpdate({
      target: roleMappings.group,
      set: { permissions: mapping.permissions, updatedBy: mapping.updatedBy, updatedAt: mapping.now },
    });
  return { before: existing?.permissions ?? null };
}

export async function deleteRoleMapping(db: Executor, group: string): Promise<string[] | null> {
  const [deleted] = await db.delete(roleMappings).where(eq(roleMappings.group, group)).returning();
  return deleted?.permissions ?? null;
}

export async function listUsers(db: Executor) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      homeTenantId: users.homeTenantId,
      groups: users.groups,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(asc(users.email));
}

/** Every user's groups and home tenant: what a change of the role mapping is checked against. */
export async function listGroupHolders(db: Executor) {
  return db
    .select({ email: users.email, homeTenantId: users.homeTenantId, groups: users.groups })
    .from(users)
    .orderBy(asc(users.email));
}

export async function findUserById(db: Executor, id: string) {
  const [row] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function lockTenantFlags(db: Executor, tenantId: string) {
  const [row] = await db
    .select({ monitoringGatewayEnabled: tenants.monitoringGatewayEnabled, personalConnectionEnabled: tenants.personalConnectionEnabled })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .for('update');
  return row ?? null;
}

export async function setTenantFlags(
  db: Executor,
  tenantId: string,
  flags: { monitoringGatewayEnabled: boolean; personalConnectionEnabled: boolean },
  now: Date,
): Promise<void> {
  await db.update(tenants).set({ ...flags, updatedAt: now }).where(eq(tenants.id, tenantId));
}

export async function listRoleMappingDetails(db: Executor) {
  return db
    .select({ group: roleMappings.group, permissions: roleMappings.permissions, updatedBy: roleMappings.updatedBy, updatedAt: roleMappings.updatedAt })
    .from(roleMappings)
    .orderBy(asc(roleMappings.group));
}

/** Locks every mapping for the transaction: checks across mappings then see no concurrent change. */
export async function lockRoleMappings(db: Executor) {
  return db.select({ group: roleMappings.group, permissions: roleMappings.permissions }).from(roleMappings).for('update');
}
