import 'server-only';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { changeRequests, type ChangeRequestRow, type TenantRow, tenants } from '@/db/schema';
import type { TenantScope } from '@/lib/auth/scope';
import { AUTO_DECIDER, OPEN_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import type { PortChanges } from '@/lib/domain/ports';
import { inScope } from './scope-filter';

export type NewChangeRequest = typeof changeRequests.$inferInsert;
export type ChangeRequestPatch = Partial<Omit<NewChangeRequest, 'id' | 'tenantId' | 'createdAt'>>;

export async function insertRequest(tx: Executor, values: NewChangeRequest): Promise<ChangeRequestRow> {
  const [row] = await tx.insert(changeRequests).values(values).returning();
  return row!;
}

export async function getRequest(db: Executor, scope: TenantScope, id: string): Promise<ChangeRequestRow | null> {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.id, id), inScope(scope, changeRequests.tenantId)));
  return row ?? null;
}

export async function lockRequest(tx: Executor, scope: TenantScope, id: string): Promise<ChangeRequestRow | null> {
  const [row] = await tx
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.id, id), inScope(scope, changeRequests.tenantId)))
    .for('update');
  return row ?? null;
}

export async function updateRequest(tx: Executor, id: string, patch: ChangeRequestPatch): Promise<ChangeRequestRow> {
  const [row] = await tx.update(changeRequests).set(patch).where(eq(changeRequests.id, id)).returning();
  return row!;
}

export async function findOpenRequestId(tx: Executor, tenantId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: changeRequests.id })
    .from(changeRequests)
    .where(
      and(eq(changeRequests.tenantId, tenantId), inArray(changeRequests.status, [...OPEN_STATUSES])),
    );
  return row?.id ?? null;
}

/** Concurrent ports auto-approved for the tenant in [start, end); read it under the tenant's lock. */
export async function sumAutoApprovedIncrease(
  tx: Executor,
  tenantId: string,
  window: { start: Date; end: Date },
): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(greatest(${changeRequests.concurrentDelta}, 0)), 0)::int` })
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.tenantId, tenantId),
        eq(changeRequests.decidedBy, AUTO_DECIDER),
        gte(changeRequests.decidedAt, window.start),
        lt(changeRequests.decidedAt, window.end),
      ),
    );
  return Number(row?.total ?? 0);
}

export type RequestListQuery = {
  tenantId?: string;
  status?: RequestStatus;
  cursor?: RequestCursor;
  limit: number;
};
export type RequestCursor = { createdAt: Date; id: string };

/** Newest first, keyset-paginated on (created_at, id) so pages stay stable while requests arrive. */
export async function listRequests(
  db: Executor,
  scope: TenantScope,
  query: RequestListQuery,
): Promise<{ rows: ChangeRequestRow[]; next: RequestCursor | null }> {
  const rows = await db
    .select()
    .from(changeRequests)
    .where(
      and(
        inScope(scope, changeRequests.tenantId),
        query.tenantId ? eq(changeRequests.tenantId, query.tenantId) : undefined,
        query.status ? eq(changeRequests.status, query.status) : undefined,
        query.cursor
          ? sql`(${changeRequests.createdAt}, ${changeRequests.id}) < (${query.cursor.createdAt.toISOString()}::timestamptz, ${query.cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = rows.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { rows: page, next };
}

/** The reps' queue: requests in review, oldest first. */
export async function listInReview(db: Executor, scope: TenantScope): Promise<ChangeRequestRow[]> {
  return db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.status, 'in_review'), inScope(scope, changeRequests.tenantId)))
    .orderBy(asc(changeRequests.createdAt));
}

/** Concurrent ports auto-approved per tenant in [start, end), for Network Operations' overview. */
export async function sumAutoApprovedIncreaseByTenant(
  db: Executor,
  window: { start: Date; end: Date },
): Promise<Map<string, number>> {
  const rows = await db
    .select({
      tenantId: changeRequests.tenantId,
      total: sql<number>`coalesce(sum(greatest(${changeRequests.concurrentDelta}, 0)), 0)::int`,
    })
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.decidedBy, AUTO_DECIDER),
        gte(changeRequests.decidedAt, window.start),
        lt(changeRequests.decidedAt, window.end),
      ),
    )
    .groupBy(changeRequests.tenantId);
  return new Map(rows.map((row) => [row.tenantId, Number(row.total)]));
}

/** The latest `perTenant` requests of each of these tenants, newest first (one query for the queue). */
export async function listLatestRequestsByTenant(
  db: Executor,
  tenantIds: string[],
  perTenant: number,
): Promise<ChangeRequestRow[]> {
  if (tenantIds.length === 0) return [];
  const ranked = db
    .select({
      id: changeRequests.id,
      rank: sql<number>`row_number() over (partition by ${changeRequests.tenantId} order by ${changeRequests.createdAt} desc, ${changeRequests.id} desc)`.as('rank'),
    })
    .from(changeRequests)
    .where(inArray(changeRequests.tenantId, tenantIds))
    .as('ranked');
  const rows = await db
    .select({ request: changeRequests })
    .from(changeRequests)
    .innerJoin(ranked, eq(ranked.id, changeRequests.id))
    .where(lte(ranked.rank, perTenant))
    .orderBy(desc(changeRequests.createdAt), desc(changeRequests.id));
  return rows.map((row) => row.request);
}

/** Temporary changes whose end did not restore the limits: a rep must look at each. */
export async function listBlockedReverts(db: Executor, scope: TenantScope): Promise<ChangeRequestRow[]> {
  return db
    .select()
    .from(changeRequests)
    .where(and(isNotNull(changeRequests.revertBlockedAt), eq(changeRequests.status, 'approved'), inScope(scope, changeRequests.tenantId)))
    .orderBy(asc(changeRequests.revertBlockedAt));
}

/** Approved temporary changes whose end has come and that are not held back, soonest first. */
export async function listDueReverts(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: changeRequests.id })
    .from(changeRequests)
    .where(and(eq(changeRequests.status, 'approved'), isNull(changeRequests.revertBlockedAt), lte(changeRequests.revertAt, now)))
    .orderBy(asc(changeRequests.revertAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The changes of the tenant's approved (or since reverted) requests decided after `since`. */
export async function listChangesDecidedSince(tx: Executor, tenantId: string, since: Date): Promise<PortChanges[]> {
  const rows = await tx
    .select({ changes: changeRequests.changes })
    .from(changeRequests)
    .where(and(eq(changeRequests.tenantId, tenantId), inArray(changeRequests.status, ['approved', 'reverted']), gt(changeRequests.decidedAt, since)));
  return rows.map((row) => row.changes);
}

/** Approved temporary changes ending between now and `until` whose requester was not warned yet. */
export async function listRevertsEndingSoon(
  db: Executor,
  now: Date,
  until: Date,
): Promise<{ request: ChangeRequestRow; tenant: Pick<TenantRow, 'name' | 'accountRepEmail'> }[]> {
  return db
    .select({ request: changeRequests, tenant: { name: tenants.name, accountRepEmail: tenants.accountRepEmail } })
    .from(changeRequests)
    .innerJoin(tenants, eq(tenants.id, changeRequests.tenantId))
    .where(
      and(
        eq(changeRequests.status, 'approved'),
        gt(changeRequests.revertAt, now),
        lte(changeRequests.revertAt, until),
        sql`not exists (select 1 from notifications n where n.request_id = ${changeRequests.id} and n.kind = 'revert_due_soon')`,
      ),
    );
}
