import 'server-only';
import { type SQL, and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { changeRequests, type ChangeRequestRow, type TenantRow, statusRank, tenants } from '@/db/schema';
import type { TenantScope } from '@/lib/auth/scope';
import { AUTO_DECIDER, OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus } from '@/lib/domain/lifecycle';
import { DEFAULT_REQUEST_SORT, type RequestSort, type RequestSortKey, parseRequestSort } from '@/lib/domain/request-list';
import type { LimitChange } from '@/lib/domain/limit-history';
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

/** What narrows the list; every field is optional. */
export type RequestListFilters = {
  tenantId?: string;
  status?: RequestStatus;
  /** Found anywhere in the case number, the reason or the requester's e-mail, ignoring case. */
  search?: string;
  /** Creation time: from inclusive, before exclusive. */
  createdFrom?: Date;
  createdBefore?: Date;
};

export type RequestListQuery = RequestListFilters & {
  sort?: RequestSort;
  cursor?: RequestCursor;
  limit: number;
};

/**
 * Where the last row given out stood in its sort: its sort key (as text: an instant, a status's
 * place in the lifecycle, a tenant's name, a case number or an e-mail; empty for `created`, whose
 * key is createdAt itself) and the tie-breaker (createdAt, id).
 */
export type RequestCursor = { key: string; createdAt: Date; id: string };

/** A row of the list, with the tenant's name (sorting by tenant sorts by what people read). */
export type ListedRequestRow = ChangeRequestRow & { tenantName: string };

const tenantNameOf = sql<string>`(select ${tenants.name} from ${tenants} where ${tenants.id} = ${changeRequests.tenantId})`;

/**
 * Each sort key's SQL, how the key of a row reads as text (for the cursor), and its cast back. A
 * missing case number sorts as '' (before every number, ascending) so that keyset comparisons
 * never meet NULL. Each expression is the one its index in db/schema.ts is on.
 */
const SORT_KEYS: Record<Exclude<RequestSortKey, 'created'>, { expression: SQL; of: (row: ListedRequestRow) => string; cast: string }> = {
  updated: { expression: sql`${changeRequests.updatedAt}`, of: (row) => row.updatedAt.toISOString(), cast: 'timestamptz' },
  // A status sorts by its place in the lifecycle (new → … → reverted), not by its code's spelling.
  status: { expression: statusRank(changeRequests.status), of: (row) => String(REQUEST_STATUSES.indexOf(row.status) + 1), cast: 'int' },
  tenant: { expression: sql`${tenants.name}`, of: (row) => row.tenantName, cast: 'text' },
  case: { expression: sql`coalesce(${changeRequests.caseNumber}, '')`, of: (row) => row.caseNumber ?? '', cast: 'text' },
  requester: { expression: sql`${changeRequests.requestedBy}`, of: (row) => row.requestedBy, cast: 'text' },
};

/** The cursor that continues the list after this row, in this sort. */
export function cursorOf(row: ListedRequestRow, sort: RequestSort): RequestCursor {
  const { key } = parseRequestSort(sort);
  return { key: key === 'created' ? '' : SORT_KEYS[key].of(row), createdAt: row.createdAt, id: row.id };
}

/** LIKE's own characters in a search are the characters themselves. */
function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * What a search looks in: the case number, the reason and the requester, lowercased and joined by
 * U+0001 (which a search cannot hold: text() refuses control characters), so that no match spans two
 * of them. No index serves "contains" without pg_trgm, which PGlite lacks: one LIKE over one
 * expression scans about twice as fast as an ILIKE on each column (100,000 rows: ~0.1 s against ~0.25 s).
 */
const searchedText = sql`lower(coalesce(${changeRequests.caseNumber}, '') || chr(1) || ${changeRequests.reason} || chr(1) || ${changeRequests.requestedBy})`;

function filtersWhere(scope: TenantScope, filters: RequestListFilters): SQL | undefined {
  return and(
    inScope(scope, changeRequests.tenantId),
    filters.tenantId ? eq(changeRequests.tenantId, filters.tenantId) : undefined,
    filters.status ? eq(changeRequests.status, filters.status) : undefined,
    filters.createdFrom ? gte(changeRequests.createdAt, filters.createdFrom) : undefined,
    filters.createdBefore ? lt(changeRequests.createdAt, filters.createdBefore) : undefined,
    filters.search ? sql`${searchedText} like lower(${containsPattern(filters.search)})` : undefined,
  );
}

/**
 * The list in any sort, keyset-paginated on (sort key, created_at, id) so that pages neither skip
 * nor repeat rows while requests arrive; every column of a sort runs the same direction, so one row
 * comparison finds where the next page starts. Newest first (the default) walks
 * change_requests_created_idx (one tenant, change_requests_tenant_created_idx); the other orders
 * walk their own index, except the tenant's name, which comes from the join.
 */
export async function listRequests(
  db: Executor,
  scope: TenantScope,
  query: RequestListQuery,
  options: { inIndexOrder?: boolean } = {},
): Promise<{ rows: ListedRequestRow[]; next: RequestCursor | null }> {
  // An export reads every batch after the last: walking the order's index, that is one pass over
  // the rows in all. The planner, reckoning a partner's requests a small share of all, may rather
  // read every request in scope and sort them once a batch is large, and does so for each batch (at
  // 100,000 rows, 0.2 s a batch and 10 s an export against 2 s). Sorting is put out of its reach
  // for these batches only; an order without an index (the tenant's name) still sorts.
  if (options.inIndexOrder) {
    return db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_sort = off`);
      return listRequests(tx, scope, query);
    });
  }
  const sort = query.sort ?? DEFAULT_REQUEST_SORT;
  const { key, descending } = parseRequestSort(sort);
  const direction = descending ? desc : asc;
  const keyColumns = key === 'created' ? [] : [SORT_KEYS[key].expression];
  let after: SQL | undefined;
  if (query.cursor) {
    const { cursor } = query;
    const keyValues = key === 'created' ? [] : [sql`${cursor.key}::${sql.raw(SORT_KEYS[key].cast)}`];
    const columns = sql.join([...keyColumns, sql`${changeRequests.createdAt}`, sql`${changeRequests.id}`], sql`, `);
    const values = sql.join([...keyValues, sql`${cursor.createdAt.toISOString()}::timestamptz`, sql`${cursor.id}::uuid`], sql`, `);
    after = descending ? sql`(${columns}) < (${values})` : sql`(${columns}) > (${values})`;
  }
  const order = [...keyColumns.map((column) => direction(column)), direction(changeRequests.createdAt), direction(changeRequests.id)];
  const where = and(filtersWhere(scope, query), after);
  // Joined only to sort by its name. Otherwise a join makes the planner read every request of the
  // tenants in scope and sort them for each page (0.2 s a page at 100,000), where alone it walks the
  // order's index and stops after the page: the name is then looked up for the page's rows only.
  const found =
    key === 'tenant'
      ? await db
          .select({ request: changeRequests, tenantName: tenants.name })
          .from(changeRequests)
          .innerJoin(tenants, eq(tenants.id, changeRequests.tenantId))
          .where(where)
          .orderBy(...order)
          .limit(query.limit + 1)
      : await db
          .select({ request: changeRequests, tenantName: tenantNameOf })
          .from(changeRequests)
          .where(where)
          .orderBy(...order)
          .limit(query.limit + 1);
  const rows = found.slice(0, query.limit).map(({ request, tenantName }) => ({ ...request, tenantName }));
  const last = rows.at(-1);
  return { rows, next: found.length > query.limit && last ? cursorOf(last, sort) : null };
}

/**
 * How many requests match the filters, whatever the page, counted no further than `upTo`: a
 * partner's whole history (100,000 requests) costs 30 ms of database for each page to count in
 * full, and "more than 10,000" tells a reader as much as the exact figure.
 */
export async function countRequests(
  db: Executor,
  scope: TenantScope,
  filters: RequestListFilters,
  upTo: number,
): Promise<{ count: number; exact: boolean }> {
  const matching = db.select({ one: sql`1` }).from(changeRequests).where(filtersWhere(scope, filters)).limit(upTo + 1).as('matching');
  const [row] = await db.select({ total: count() }).from(matching);
  const total = Number(row?.total ?? 0);
  return total > upTo ? { count: upTo, exact: false } : { count: total, exact: true };
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
        // One warning per request, plain or about usage above the restored limits (issue 13).
        sql`not exists (select 1 from notifications n where n.request_id = ${changeRequests.id} and n.kind in ('revert_due_soon', 'revert_above_usage'))`,
      ),
    );
}

/**
 * Every change the tenant's limits went through (issue 13's step line): approved requests when they
 * were decided, and the end of reverted ones (a reverted request's last update is its revert).
 */
export async function listLimitChanges(db: Executor, tenantId: string): Promise<LimitChange[]> {
  const rows = await db
    .select({ id: changeRequests.id, status: changeRequests.status, changes: changeRequests.changes, decidedAt: changeRequests.decidedAt, updatedAt: changeRequests.updatedAt })
    .from(changeRequests)
    .where(and(eq(changeRequests.tenantId, tenantId), inArray(changeRequests.status, ['approved', 'reverted']), isNotNull(changeRequests.decidedAt)));
  return rows.flatMap((row): LimitChange[] => [
    { at: row.decidedAt!, changes: row.changes, direction: 'applied', requestId: row.id },
    ...(row.status === 'reverted' ? [{ at: row.updatedAt, changes: row.changes, direction: 'reverted' as const, requestId: row.id }] : []),
  ]);
}
