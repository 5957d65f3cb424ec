import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { changeRequests, tenants, type TenantRow } from '@/db/schema';
import type { TenantScope } from '@/lib/auth/scope';
import { OPEN_STATUSES } from '@/lib/domain/lifecycle';
import type { Limits } from '@/lib/domain/ports';
import { inScope } from './scope-filter';

export type TenantWithOpenRequest = TenantRow & { openRequestId: string | null };

const openRequestJoin = and(eq(changeRequests.tenantId, tenants.id), inArray(changeRequests.status, [...OPEN_STATUSES]));

/** Tenants with the id of their open request, if any: every read of tenants starts here. */
const selectWithOpenRequest = (db: Executor) =>
  db.select({ tenant: tenants, openRequestId: changeRequests.id }).from(tenants).leftJoin(changeRequests, openRequestJoin);

const withOpenRequest = (row: { tenant: TenantRow; openRequestId: string | null }): TenantWithOpenRequest => ({
  ...row.tenant,
  openRequestId: row.openRequestId,
});

export async function listTenants(db: Executor, scope: TenantScope): Promise<TenantWithOpenRequest[]> {
  const rows = await selectWithOpenRequest(db).where(inScope(scope, tenants.id)).orderBy(asc(tenants.name));
  return rows.map(withOpenRequest);
}

export type TenantCursor = { name: string; id: string };

/** A page of the tenants in scope by name, keyset-paginated on (name, id) (index tenants_name_idx). */
export async function listTenantPage(
  db: Executor,
  scope: TenantScope,
  page: { after?: TenantCursor; limit: number },
): Promise<{ rows: TenantWithOpenRequest[]; next: TenantCursor | null }> {
  const rows = await selectWithOpenRequest(db)
    .where(
      and(
        inScope(scope, tenants.id),
        page.after ? sql`(${tenants.name}, ${tenants.id}) > (${page.after.name}, ${page.after.id})` : undefined,
      ),
    )
    .orderBy(asc(tenants.name), asc(tenants.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(withOpenRequest);
  const last = items.at(-1);
  return { rows: items, next: rows.length > page.limit && last ? { name: last.name, id: last.id } : null };
}

export async function getTenant(db: Executor, scope: TenantScope, id: string): Promise<TenantWithOpenRequest | null> {
  const [row] = await selectWithOpenRequest(db).where(and(eq(tenants.id, id), inScope(scope, tenants.id)));
  return row ? withOpenRequest(row) : null;
}

/**
 * Locks the tenant row for the rest of the transaction. Every change of a tenant's limits and
 * every read of its daily auto-approved total happens under this lock, so racing requests queue.
 */
export async function lockTenant(tx: Executor, scope: TenantScope, id: string): Promise<TenantRow | null> {
  const [row] = await tx
    .select()
    .from(tenants)
    .where(and(eq(tenants.id, id), inScope(scope, tenants.id)))
    .for('update');
  return row ?? null;
}

export async function setTenantLimits(tx: Executor, id: string, limits: Limits, now: Date): Promise<void> {
  await tx.update(tenants).set({ ...limits, updatedAt: now }).where(eq(tenants.id, id));
}

export async function setTenantThreshold(tx: Executor, id: string, dailyThreshold: number | null, now: Date): Promise<TenantRow | null> {
  const [before] = await tx.select().from(tenants).where(eq(tenants.id, id)).for('update');
  if (!before) return null;
  await tx.update(tenants).set({ dailyThreshold, updatedAt: now }).where(eq(tenants.id, id));
  return before;
}
