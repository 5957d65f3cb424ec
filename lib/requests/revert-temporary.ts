import type { Executor } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { recordAudit } from '@/lib/data/audit';
import { listChangesDecidedSince, listDueReverts, listRevertsEndingSoon, updateRequest } from '@/lib/data/requests';
import { setTenantLimits } from '@/lib/data/tenants';
import { readPeaksSince } from '@/lib/data/usage';
import { unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import { PORT_TYPES, type PortType, limitsOf } from '@/lib/domain/ports';
import { planRevert, serializeRevertBlockedReason } from '@/lib/domain/revert';
import { DAY_MS } from '@/lib/domain/usage';
import { REVERT_WARNING_PEAK_DAYS, usageAboveRestoredLimits } from '@/lib/domain/usage-alerts';
import { notify } from '@/lib/notifications/notify';
import { enqueueCaseOperations } from '@/lib/salesforce/outbox';
import { caseComment } from './case-text';
import type { UseCaseContext } from '@/lib/use-case-context';
import { lockRequestWithTenant } from './lock-request';
import { recordTransition } from './record-transition';

/** The scheduled job acts as the system: on every tenant, with no permission of a person. */
const REVERT_JOB: Caller = {
  userId: 'system',
  email: 'system:revert-temporary',
  name: 'Temporary-change job',
  homeTenantId: null,
  groups: [],
  permissions: new Set(),
  scope: { kind: 'all' },
  locale: null,
  timeZone: null,
};

const WARN_BEFORE_MS = 24 * 60 * 60 * 1000;

export type RevertReport = { reverted: number; blocked: number; warned: number };

/**
 * Ends the temporary changes whose time has come, one request per transaction (the tenant is locked
 * first, as everywhere). A request another run already handled is skipped, so two runs at once
 * revert it once. Also warns requesters whose temporary change ends within 24 hours.
 */
export async function revertTemporaryChanges(ctx: UseCaseContext, options: { limit?: number; deadline?: number } = {}): Promise<RevertReport> {
  const now = ctx.clock();
  const report: RevertReport = { reverted: 0, blocked: 0, warned: 0 };
  const due = await listDueReverts(ctx.db, now, options.limit ?? 500);
  for (const id of due) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
    const outcome = await ctx.db.transaction((tx) => revertOne(tx, id, ctx.clock));
    if (outcome) report[outcome] += 1;
  }
  report.warned = await warnEndingSoon(ctx, now);
  return report;
}

async function revertOne(
  tx: Parameters<typeof lockRequestWithTenant>[0],
  requestId: string,
  clock: () => Date,
): Promise<'reverted' | 'blocked' | null> {
  const { request, tenant } = await lockRequestWithTenant(tx, REVERT_JOB, requestId);
  // Time is read once the lock is held, so that timestamps follow the order changes were applied in.
  const now = clock();
  if (request.status !== 'approved' || request.revertBlockedAt || !request.revertAt || request.revertAt > now) return null;

  const plan = planRevert({
    changes: request.changes,
    tenant: { personalConnectionEnabled: tenant.personalConnectionEnabled, limits: limitsOf(tenant) },
    touchedLater: await portTypesChangedSince(tx, tenant.id, request.decidedAt ?? request.createdAt),
  });
  if (plan.ok) {
    await setTenantLimits(tx, tenant.id, plan.resulting, now);
    await recordTransition(tx, {
      request,
      tenant,
      event: 'revert',
      to: unwrap(transition(request.status, 'revert')),
      actor: REVERT_JOB.email,
      now,
      details: { restored: plan.restore },
      caseOperations: [{ kind: 'comment', body: caseComment.reverted(plan.restore) }],
      notices: [{ kind: 'reverted', to: 'requester' }],
    });
    return 'reverted';
  }
  const flagged = await updateRequest(tx, request.id, { revertBlockedReason: serializeRevertBlockedReason(plan.reason), revertBlockedAt: now, updatedAt: now });
  await recordAudit(tx, {
    requestId: request.id,
    tenantId: tenant.id,
    actor: REVERT_JOB.email,
    action: 'revert_blocked',
    fromState: request.status,
    toState: request.status,
    details: { reason: plan.reason },
  });
  await enqueueCaseOperations(tx, request.id, [{ kind: 'comment', body: caseComment.revertBlocked(plan.reason) }], now);
  await notify(tx, flagged, tenant, [
    { kind: 'revert_blocked', to: 'requester' },
    { kind: 'revert_blocked', to: 'rep' },
  ], now);
  return 'blocked';
}

/** Port types that approved changes decided after `since` have set on the tenant. */
async function portTypesChangedSince(tx: Executor, tenantId: string, since: Date): Promise<PortType[]> {
  const later = await listChangesDecidedSince(tx, tenantId, since);
  return PORT_TYPES.filter((type) => later.some((changes) => changes[type]));
}

/**
 * Once per request, a day ahead of its end. When the tenant's peak of the last days is above a limit
 * the change returns to (issue 13 §5), the warning says so (revert_above_usage) instead of the plain
 * one: one warning either way, the same event for the dedupe key.
 */
async function warnEndingSoon(ctx: UseCaseContext, now: Date): Promise<number> {
  const soon = await listRevertsEndingSoon(ctx.db, now, new Date(now.getTime() + WARN_BEFORE_MS));
  if (soon.length === 0) return 0;
  const since = new Date((Math.floor(now.getTime() / DAY_MS) - REVERT_WARNING_PEAK_DAYS) * DAY_MS);
  const peaks = await readPeaksSince(ctx.db, REVERT_JOB.scope, since, [...new Set(soon.map(({ request }) => request.tenantId))]);
  for (const { request, tenant } of soon) {
    const usageAbove = usageAboveRestoredLimits(request.changes, peaks.get(request.tenantId));
    const kind = usageAbove.length > 0 ? 'revert_above_usage' : 'revert_due_soon';
    await notify(ctx.db, request, tenant, [{ kind, to: 'requester', event: 'revert_due_soon' }], now, usageAbove.length > 0 ? { usageAbove } : {});
  }
  return soon.length;
}
