import type { Caller } from '@/lib/auth/caller';
import { isOwnRequest } from '@/lib/auth/separation-of-duties';
import { canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { listRequestAudit } from '@/lib/data/audit';
import {
  type RequestCursor,
  getRequest,
  listBlockedReverts,
  listInReview,
  type RequestListFilters,
  countRequests,
  listLatestRequestsByTenant,
  listRequests,
  sumAutoApprovedIncreaseByTenant,
} from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { type Limits, applyChanges, limitsOf } from '@/lib/domain/ports';
import { type ReviewUrgency, reviewUrgency } from '@/lib/domain/review-age';
import { REQUEST_STATUSES } from '@/lib/domain/lifecycle';
import { DEFAULT_REQUEST_SORT, type RequestSort, createdRange, isRequestSort, parseRequestSort } from '@/lib/domain/request-list';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/locales';
import { effectiveThreshold, utcDay } from '@/lib/domain/threshold';
import { type RevertBlockedReason, parseRevertBlockedReason } from '@/lib/domain/revert';
import { type TenantCursor, getTenant, listTenantPage, listTenants } from '@/lib/data/tenants';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { AppError } from '@/lib/domain/errors';
import type { ListRequestsQuery } from '@/lib/validation/request';
import type { UseCaseContext } from '@/lib/use-case-context';
import { isRequestId, requestNotFound } from './lock-request';
import { type CursorCodec, decodePageCursor, encodePageCursor } from './page-cursor';
import { listCaseOperations } from '@/lib/data/case-operations';
import { listRequestNotifications } from '@/lib/data/notifications';
import {
  type AuditView,
  type HistoryEntry,
  type RequestView,
  type TenantView,
  toAuditView,
  toRequestView,
  toHistory,
  toTenantView,
} from './views';

export function requireView(caller: Caller): void {
  if (!canViewPorts(caller)) {
    throw new AppError('forbidden', { action: 'view_ports' });
  }
}

export async function listVisibleTenants(ctx: UseCaseContext, caller: Caller): Promise<TenantView[]> {
  requireView(caller);
  return (await listTenants(ctx.db, caller.scope)).map(toTenantView);
}

export type TenantPage = { items: TenantView[]; nextCursor: string | null };

/** The API's tenant list: a page at a time, by name, so a partner with a thousand customers is not one answer. */
export async function listVisibleTenantPage(
  ctx: UseCaseContext,
  caller: Caller,
  query: { cursor?: string; limit: number },
): Promise<TenantPage> {
  requireView(caller);
  const { rows, next } = await listTenantPage(ctx.db, caller.scope, {
    after: query.cursor ? decodeTenantCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  return { items: rows.map(toTenantView), nextCursor: next ? encodeTenantCursor(next) : null };
}

export function encodeTenantCursor(cursor: TenantCursor): string {
  return encodePageCursor([cursor.name, cursor.id]);
}

const TENANT_CURSOR: CursorCodec<TenantCursor> = {
  maxLength: 600,
  read: (name, id) => (name.length <= 300 && !/[\u0000-\u001f]/.test(name) && tenantIdSchema.safeParse(id).success ? { name, id } : null),
  encode: encodeTenantCursor,
};

/** Like the requests' cursor: only exactly what encodeTenantCursor gave out, else invalid_cursor. */
export const decodeTenantCursor = (value: string): TenantCursor => decodePageCursor(value, TENANT_CURSOR);

export async function getVisibleTenant(ctx: UseCaseContext, caller: Caller, tenantId: string): Promise<TenantView> {
  requireView(caller);
  const tenant = await getTenant(ctx.db, caller.scope, tenantId);
  if (!tenant) throw new AppError('not_found', { what: 'tenant' });
  return toTenantView(tenant);
}

/** `total` is exact up to TOTAL_COUNTED_UP_TO; past it, `totalExact` is false and `total` that bound. */
export type RequestPage = { items: RequestView[]; nextCursor: string | null; total: number; totalExact: boolean };

export const TOTAL_COUNTED_UP_TO = 10_000;

/** The list's input as callers give it (the API's query, the page's address): all optional but the page size. */
export type RequestListInput = Partial<Omit<ListRequestsQuery, 'limit'>> & { limit: number };

/**
 * The filters as the data layer reads them. Days of the date range are whole days in `timeZone`:
 * the reader's (their saved choice, else their browser's), else UTC, as the page shows them.
 */
export function requestListFilters(query: Omit<RequestListInput, 'limit' | 'cursor'>, timeZone: string): RequestListFilters {
  const range = createdRange(query.from, query.to, timeZone);
  return {
    tenantId: query.tenantId,
    status: query.status,
    search: query.q,
    createdFrom: range.from,
    createdBefore: range.before,
  };
}

/** The reader's time zone for the date range's days: the one given, else the caller's saved one, else UTC. */
export function listTimeZone(caller: Caller, timeZone?: string | null): string {
  return timeZone ?? caller.timeZone ?? DEFAULT_TIME_ZONE;
}

/** The caller's requests, filtered, sorted and a page at a time, with how many match in all. */
export async function listVisibleRequests(
  ctx: UseCaseContext,
  caller: Caller,
  query: RequestListInput,
  reader: { timeZone?: string | null } = {},
): Promise<RequestPage> {
  requireView(caller);
  const sort = query.sort ?? DEFAULT_REQUEST_SORT;
  const filters = requestListFilters(query, listTimeZone(caller, reader.timeZone));
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const [{ rows, next }, total] = await Promise.all([
    listRequests(ctx.db, caller.scope, { ...filters, sort, cursor, limit: query.limit }),
    countRequests(ctx.db, caller.scope, filters, TOTAL_COUNTED_UP_TO),
  ]);
  return {
    items: rows.map(toRequestView),
    nextCursor: next ? encodeCursor({ ...next, sort }) : null,
    total: total.count,
    totalExact: total.exact,
  };
}

export type RequestDetail = {
  request: RequestView;
  tenant: TenantView;
  timeline: AuditView[];
  history: HistoryEntry[];
  /** Why the end of this temporary change did not restore the limits, for a rep to act on. */
  revertBlocked: { reason: RevertBlockedReason; at: string } | null;
  /** Separation of duties: the caller submitted it, so another representative decides. */
  submittedByCaller: boolean;
  /** The monthly price of a concurrent port, in cents (0: the cost is not shown). */
  portPriceCents: number;
};

export async function getRequestDetail(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestDetail> {
  requireView(caller);
  const request = isRequestId(requestId) ? await getRequest(ctx.db, caller.scope, requestId) : null;
  if (!request) throw requestNotFound();
  const [tenant, audit, operations, notifications, settings] = await Promise.all([
    getTenant(ctx.db, caller.scope, request.tenantId),
    listRequestAudit(ctx.db, request.id),
    listCaseOperations(ctx.db, request.id),
    listRequestNotifications(ctx.db, request.id),
    getSettings(ctx.db),
  ]);
  if (!tenant) throw requestNotFound();
  return {
    request: toRequestView(request),
    tenant: toTenantView(tenant),
    timeline: audit.map(toAuditView),
    history: toHistory(audit, operations, notifications),
    revertBlocked:
      request.revertBlockedReason && request.revertBlockedAt
        ? { reason: parseRevertBlockedReason(request.revertBlockedReason), at: request.revertBlockedAt.toISOString() }
        : null,
    submittedByCaller: isOwnRequest(caller, request),
    portPriceCents: settings.portPriceCents,
  };
}

/** A page cursor names its sort, so that it is never read as a position in another order. */
export type RequestPageCursor = RequestCursor & { sort: RequestSort };

/** `sort` and `key` default to the newest-first order, whose key is createdAt itself. */
export function encodeCursor(cursor: { createdAt: Date; id: string; key?: string; sort?: RequestSort }): string {
  return encodePageCursor([cursor.sort ?? DEFAULT_REQUEST_SORT, cursor.key ?? '', cursor.createdAt.toISOString(), cursor.id]);
}

// A cursor ends up in SQL as a timestamptz and a uuid (and its sort key cast to the key's type):
// anything PostgreSQL would refuse to cast (a year beyond 9999, 36 dashes for a uuid) was a 500.
// Only an ISO instant in years 2000–9999 that survives a round trip, a request id, and a key of the
// sort's kind.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_TEXT_KEY = 1000;

function readInstant(value: string): Date | null {
  if (!ISO_INSTANT.test(value)) return null;
  const date = new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST || date.toISOString() !== value) return null;
  return date;
}

function keyFits(sort: RequestSort, key: string): boolean {
  switch (parseRequestSort(sort).key) {
    case 'created':
      return key === '';
    case 'updated':
      return readInstant(key) !== null;
    case 'status':
      return /^\d$/.test(key) && Number(key) >= 1 && Number(key) <= REQUEST_STATUSES.length;
    case 'tenant':
    case 'case':
    case 'requester':
      return key.length <= MAX_TEXT_KEY;
  }
}

const REQUEST_CURSOR: CursorCodec<RequestPageCursor> = {
  maxLength: 8 * MAX_TEXT_KEY,
  arity: 4,
  read(sort, key, createdAt, id) {
    if (!isRequestSort(sort) || key === undefined || !keyFits(sort, key) || !id || !isRequestId(id)) return null;
    const date = createdAt ? readInstant(createdAt) : null;
    return date ? { sort, key, createdAt: date, id } : null;
  },
  encode: encodeCursor,
};

/** Only a cursor this list gave out for this same sort; anything else is invalid_cursor. */
export function decodeCursor(value: string, sort: RequestSort = DEFAULT_REQUEST_SORT): RequestPageCursor {
  const cursor = decodePageCursor(value, REQUEST_CURSOR);
  if (cursor.sort !== sort) throw new AppError('invalid_cursor', {}, { field: 'cursor' });
  return cursor;
}

export type ReviewItem = {
  request: RequestView;
  tenant: TenantView;
  urgency: ReviewUrgency;
  /** The tenant's latest other requests, newest first. */
  recent: RequestView[];
  /** Concurrent ports auto-approved for the tenant today (UTC), and its threshold. */
  autoApprovedToday: number;
  threshold: number;
  /** Separation of duties: the caller submitted it, so another representative decides. */
  submittedByCaller: boolean;
  /** The tenant's limits once the request is approved, for the rep to weigh before deciding. */
  resulting: Limits;
  /** The monthly price of a concurrent port, in cents (0: the cost is not shown). */
  portPriceCents: number;
};

const RECENT_PER_TENANT = 3;

/** The reps' queue: requests in review, oldest first, each with what a rep needs to decide it. */
export async function listReviewQueue(ctx: UseCaseContext, caller: Caller): Promise<ReviewItem[]> {
  if (!isAccountRep(caller)) throw new AppError('forbidden', { action: 'view_approvals' });
  const now = ctx.clock();
  const [requests, tenants, settings, usedToday] = await Promise.all([
    listInReview(ctx.db, caller.scope),
    listTenants(ctx.db, caller.scope),
    getSettings(ctx.db),
    sumAutoApprovedIncreaseByTenant(ctx.db, utcDay(now)),
  ]);
  const tenantIds = [...new Set(requests.map((request) => request.tenantId))];
  const latest = await listLatestRequestsByTenant(ctx.db, tenantIds, RECENT_PER_TENANT + 1);
  const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));
  return requests.flatMap((request) => {
    const tenant = byId.get(request.tenantId);
    if (!tenant) return [];
    return [
      {
        request: toRequestView(request),
        tenant: toTenantView(tenant),
        urgency: reviewUrgency(request.updatedAt, now),
        recent: latest
          .filter((other) => other.tenantId === tenant.id && other.id !== request.id)
          .slice(0, RECENT_PER_TENANT)
          .map(toRequestView),
        autoApprovedToday: usedToday.get(tenant.id) ?? 0,
        threshold: effectiveThreshold(settings.dailyThreshold, tenant.dailyThreshold),
        submittedByCaller: isOwnRequest(caller, request),
        resulting: applyChanges(limitsOf(tenant), request.changes),
        portPriceCents: settings.portPriceCents,
      },
    ];
  });
}

export type BlockedRevert = { request: RequestView; reason: RevertBlockedReason; at: string };

/** Temporary changes that ended without their limits restored, for reps to act on. */
export async function listBlockedRevertsForRep(ctx: UseCaseContext, caller: Caller): Promise<BlockedRevert[]> {
  if (!isAccountRep(caller)) throw new AppError('forbidden', { action: 'view_approvals' });
  return (await listBlockedReverts(ctx.db, caller.scope)).map((row) => ({
    request: toRequestView(row),
    reason: parseRevertBlockedReason(row.revertBlockedReason ?? ''),
    at: (row.revertBlockedAt ?? row.updatedAt).toISOString(),
  }));
}
