import type { Caller } from '@/lib/auth/caller';
import { isOwnRequest } from '@/lib/auth/separation-of-duties';
import { canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { listRequestAudit } from '@/lib/data/audit';
import {
  type RequestCursor,
  getRequest,
  listBlockedReverts,
  listInReview,
  listLatestRequestsByTenant,
  listRequests,
  sumAutoApprovedIncreaseByTenant,
} from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { type ReviewUrgency, reviewUrgency } from '@/lib/domain/review-age';
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

function requireView(caller: Caller): void {
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

export type RequestPage = { items: RequestView[]; nextCursor: string | null };

export async function listVisibleRequests(
  ctx: UseCaseContext,
  caller: Caller,
  query: ListRequestsQuery,
): Promise<RequestPage> {
  requireView(caller);
  const { rows, next } = await listRequests(ctx.db, caller.scope, {
    tenantId: query.tenantId,
    status: query.status,
    cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  return { items: rows.map(toRequestView), nextCursor: next ? encodeCursor(next) : null };
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
};

export async function getRequestDetail(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestDetail> {
  requireView(caller);
  const request = isRequestId(requestId) ? await getRequest(ctx.db, caller.scope, requestId) : null;
  if (!request) throw requestNotFound();
  const [tenant, audit, operations, notifications] = await Promise.all([
    getTenant(ctx.db, caller.scope, request.tenantId),
    listRequestAudit(ctx.db, request.id),
    listCaseOperations(ctx.db, request.id),
    listRequestNotifications(ctx.db, request.id),
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
  };
}

export function encodeCursor(cursor: RequestCursor): string {
  return encodePageCursor([cursor.createdAt.toISOString(), cursor.id]);
}

// A cursor ends up in SQL as a timestamptz and a uuid: anything PostgreSQL would refuse to cast (a
// year beyond 9999, 36 dashes for a uuid) was a 500. Only an ISO instant in years 2000–9999 that
// survives a round trip, and a request id.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const REQUEST_CURSOR: CursorCodec<RequestCursor> = {
  maxLength: 200,
  read(createdAt, id) {
    if (!ISO_INSTANT.test(createdAt) || !isRequestId(id)) return null;
    const date = new Date(createdAt);
    const time = date.getTime();
    if (Number.isNaN(time) || time < EARLIEST || time > LATEST || date.toISOString() !== createdAt) return null;
    return { createdAt: date, id };
  },
  encode: encodeCursor,
};

export const decodeCursor = (value: string): RequestCursor => decodePageCursor(value, REQUEST_CURSOR);

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
