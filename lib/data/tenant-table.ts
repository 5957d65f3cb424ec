import 'server-only';
import { type AnyColumn, type SQL, and, asc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { changeRequests, settings, tenants } from '@/db/schema';
import type { TenantScope } from '@/lib/auth/scope';
import { AUTO_DECIDER, OPEN_STATUSES, type RequestStatus, statusList } from '@/lib/domain/lifecycle';
import type { PortChanges } from '@/lib/domain/ports';
import { DEFAULT_DAILY_THRESHOLD } from '@/lib/domain/threshold';
import type { FilterValue, SortDirection, TenantTableSort } from '@/lib/validation/tenant-table';
import { inScope } from './scope-filter';

export type TenantTableFilters = {
  /** Matched against the name and the id, case-insensitively, anywhere in them. */
  search?: string;
  personalConnection?: FilterValue;
  openRequest?: FilterValue;
  temporary?: FilterValue;
};

export type TenantTableRowsQuery = TenantTableFilters & {
  sort: TenantTableSort;
  dir: SortDirection;
  offset: number;
  limit: number;
  /** The UTC day whose automatic approvals count against the daily threshold. */
  today: { start: Date; end: Date };
};

export type TenantTableRow = {
  id: string;
  name: string;
  parentId: string | null;
  parentName: string | null;
  personalConnectionEnabled: boolean;
  monitoringGatewayEnabled: boolean;
  accountRepEmail: string;
  concurrent: number;
  outbound: number;
  agentless: number;
  threshold: number;
  usedToday: number;
  openRequest: { id: string; status: RequestStatus; createdAt: Date } | null;
  /** The temporary change in force that ends first, and how many are in force in all. */
  temporary: { id: string; revertAt: Date; changes: PortChanges; blocked: boolean; inForce: number } | null;
};

const parent = alias(tenants, 'parent');
const openRequest = alias(changeRequests, 'open_request');
const temporaryRequest = alias(changeRequests, 'temporary_request');
const autoApproved = alias(changeRequests, 'auto_approved');

// Partial indexes serve these reads only when the query implies their predicate, so the statuses are
// written into the SQL as the indexes' own literals (a bound parameter would not be known when planning).
const OPEN = sql.raw(statusList(OPEN_STATUSES));
const APPROVED = sql.raw(statusList(['approved']));

/** The one open request of a tenant (partial unique index change_requests_one_open_per_tenant). */
const isOpenRequestOf = (request: { tenantId: AnyColumn; status: AnyColumn }) => and(eq(request.tenantId, tenants.id), sql`${request.status} in (${OPEN})`);

/**
 * An approved temporary change is in force until the revert job restores the limits and marks it
 * reverted; one whose revert was blocked stays in force (with its past end) until a rep acts.
 */
const temporaryInForce = (request: { tenantId: AnyColumn; status: AnyColumn; revertAt: AnyColumn }) =>
  and(eq(request.tenantId, tenants.id), sql`${request.status} = ${APPROVED}`, isNotNull(request.revertAt));

/**
 * The temporary change in force that ends first (the next change the partner will see), and how many
 * there are: per tenant in scope, through change_requests_temporary_idx (migration 0012), not through
 * every request the tenant ever had.
 */
const firstTemporarySubquery = (db: Executor) =>
  db
    .select({
      id: temporaryRequest.id,
      revertAt: temporaryRequest.revertAt,
      changes: temporaryRequest.changes,
      blockedAt: temporaryRequest.revertBlockedAt,
      inForce: sql<number>`count(*) over ()`.mapWith(Number).as('in_force'),
    })
    .from(temporaryRequest)
    .where(temporaryInForce(temporaryRequest))
    .orderBy(asc(temporaryRequest.revertAt), asc(temporaryRequest.id))
    .limit(1)
    .as('temporary');

/** Concurrent ports approved automatically today: what they took of the tenant's daily threshold. */
const usedTodaySubquery = (db: Executor, today: TenantTableRowsQuery['today']) =>
  db
    .select({ used: sql<number>`coalesce(sum(greatest(${autoApproved.concurrentDelta}, 0)), 0)::int`.mapWith(Number).as('used') })
    .from(autoApproved)
    .where(
      and(
        eq(autoApproved.tenantId, tenants.id),
        eq(autoApproved.decidedBy, AUTO_DECIDER),
        sql`${autoApproved.decidedAt} >= ${today.start.toISOString()}::timestamptz`,
        sql`${autoApproved.decidedAt} < ${today.end.toISOString()}::timestamptz`,
      ),
    )
    .as('used_today');

/** `%`, `_` and `\` are LIKE's own characters: a search for "50%" looks for a percent sign. */
function containing(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function yesNo(value: FilterValue | undefined, present: SQL): SQL | undefined {
  if (!value) return undefined;
  return value === 'yes' ? present : sql`not (${present})`;
}

/**
 * One page of the tenant table, in one statement: the tenants in the caller's scope with their open
 * request, the temporary change in force, and what is left of today's automatic approvals, filtered,
 * sorted and paged in SQL, with the number of rows on all pages (`count(*) over ()`).
 *
 * Order: the caller's own tenant first and its customers under it; a caller who sees every partner
 * (a rep) sees each partner followed by its customers, partners by name. The chosen sort orders the
 * rows within their group, and name and id break ties so that pages never overlap.
 */
export async function listTenantTableRows(
  db: Executor,
  scope: TenantScope,
  query: TenantTableRowsQuery,
): Promise<{ rows: TenantTableRow[]; total: number }> {
  const temporary = firstTemporarySubquery(db);
  const usedToday = usedTodaySubquery(db, query.today);
  const threshold = sql<number>`coalesce(${tenants.dailyThreshold}, (select ${settings.dailyThreshold} from ${settings} where ${settings.id} = 1), ${DEFAULT_DAILY_THRESHOLD})`;
  const remaining = sql`greatest(0, ${threshold} - ${usedToday.used})`;

  const sortColumn: Record<TenantTableSort, SQL | AnyColumn> = {
    name: tenants.name,
    id: tenants.id,
    concurrent: tenants.concurrent,
    outbound: tenants.outbound,
    agentless: tenants.agentless,
    allowance: remaining,
    // The longest-waiting open request first when ascending; tenants without one last either way.
    open: openRequest.createdAt,
    // The soonest end first when ascending; tenants without a temporary change last either way.
    temporary: temporary.revertAt,
  };
  const direction = query.dir === 'asc' ? sql`asc` : sql`desc`;
  const chosen = sql`${sortColumn[query.sort]} ${direction} nulls last`;

  const grouping: SQL[] =
    scope.kind === 'tree'
      ? [sql`${tenants.id} <> ${scope.homeTenantId}`]
      : [sql`coalesce(${parent.name}, ${tenants.name})`, sql`coalesce(${tenants.parentId}, ${tenants.id})`, sql`${tenants.parentId} is not null`];

  const rows = await db
    .select({
      tenant: {
        id: tenants.id,
        name: tenants.name,
        parentId: tenants.parentId,
        personalConnectionEnabled: tenants.personalConnectionEnabled,
        monitoringGatewayEnabled: tenants.monitoringGatewayEnabled,
        accountRepEmail: tenants.accountRepEmail,
        concurrent: tenants.concurrent,
        outbound: tenants.outbound,
        agentless: tenants.agentless,
      },
      parentName: parent.name,
      threshold: threshold.mapWith(Number),
      usedToday: usedToday.used,
      openRequestId: openRequest.id,
      openRequestStatus: openRequest.status,
      openRequestCreatedAt: openRequest.createdAt,
      temporaryId: temporary.id,
      temporaryRevertAt: temporary.revertAt,
      temporaryChanges: temporary.changes,
      temporaryBlockedAt: temporary.blockedAt,
      temporaryInForce: temporary.inForce,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(tenants)
    .leftJoin(parent, eq(parent.id, tenants.parentId))
    .leftJoin(openRequest, isOpenRequestOf(openRequest))
    .leftJoinLateral(temporary, sql`true`)
    .leftJoinLateral(usedToday, sql`true`)
    .where(tableFilter(scope, query))
    .orderBy(...grouping, chosen, asc(tenants.name), asc(tenants.id))
    .offset(query.offset)
    .limit(query.limit);

  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      ...row.tenant,
      // The parent's name tells a rep whose customer a row is; a partner's user knows its own customers.
      parentName: scope.kind === 'all' ? row.parentName : null,
      threshold: row.threshold,
      usedToday: row.usedToday ?? 0,
      openRequest:
        row.openRequestId && row.openRequestStatus && row.openRequestCreatedAt
          ? { id: row.openRequestId, status: row.openRequestStatus, createdAt: row.openRequestCreatedAt }
          : null,
      temporary:
        row.temporaryId && row.temporaryRevertAt && row.temporaryChanges
          ? {
              id: row.temporaryId,
              revertAt: row.temporaryRevertAt,
              changes: row.temporaryChanges,
              blocked: row.temporaryBlockedAt !== null,
              inForce: row.temporaryInForce ?? 1,
            }
          : null,
    })),
  };
}

/**
 * How many tenants the filters match in all, for a page past the end (which has no row to carry
 * `count(*) over ()`).
 */
export async function countTenantTableRows(db: Executor, scope: TenantScope, filters: TenantTableFilters): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(tenants)
    .where(tableFilter(scope, filters));
  return row?.total ?? 0;
}

// Raw `exists` subqueries name their aliases themselves (an alias object renders as its name only).
const OPEN_CHECK = 'open_check';
const TEMPORARY_CHECK = 'temporary_check';
const openCheck = alias(changeRequests, OPEN_CHECK);
const temporaryCheck = alias(changeRequests, TEMPORARY_CHECK);

/** The caller's scope and the filters, the same for a page and for its count. */
function tableFilter(scope: TenantScope, filters: TenantTableFilters): SQL | undefined {
  const pattern = filters.search ? containing(filters.search) : undefined;
  return and(
    inScope(scope, tenants.id),
    pattern ? or(sql`${tenants.name} ilike ${pattern}`, sql`${tenants.id} ilike ${pattern}`) : undefined,
    filters.personalConnection ? eq(tenants.personalConnectionEnabled, filters.personalConnection === 'yes') : undefined,
    yesNo(filters.openRequest, sql`exists (select 1 from ${changeRequests} ${sql.identifier(OPEN_CHECK)} where ${isOpenRequestOf(openCheck)})`),
    yesNo(filters.temporary, sql`exists (select 1 from ${changeRequests} ${sql.identifier(TEMPORARY_CHECK)} where ${temporaryInForce(temporaryCheck)})`),
  );
}
