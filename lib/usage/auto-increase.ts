import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { type OptedInTenant, listOptedInTenants } from '@/lib/data/auto-increase';
import { sumAutoApprovedIncrease } from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { readConcurrentPeaksSince } from '@/lib/data/usage';
import { automaticIncrease, currentUsageSince, reachesAutoIncreaseLevel } from '@/lib/domain/auto-increase';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { effectiveThreshold, utcDate, utcDay } from '@/lib/domain/threshold';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { submitRequest } from '@/lib/requests/submit-request';
import type { UseCaseContext } from '@/lib/use-case-context';
import { loadPermittedRequester, turnOffForLostPermission } from './auto-increase-switch';

/**
 * What stops an automatic request without anything being wrong: a request already open on the
 * tenant, today's automatic request already made (the unique index), the threshold used up or the
 * limit moved by another request since usage was read (both found under the tenant's lock), the
 * tenant losing Monitoring Gateway or leaving the requester's scope, the requester losing the
 * permission a moment ago. The next sample asks again.
 */
const QUIET_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'request_already_open',
  'automatic_increase_refused',
  'stale_limits',
  'no_change',
  'monitoring_gateway_disabled',
  'not_found',
  'forbidden',
]);

/**
 * Tenants raised at once: each submission locks only its own tenant, so they need not queue, but
 * each holds a connection of the pool (10) the ingestion and the pages share. 100 tenants reaching
 * 95 % in one batch took 16 s one by one on PostgreSQL here and 10 s four at a time (a submission
 * with its case and notification is about 160 ms on 2 cores).
 */
const PARALLEL_TENANTS = 4;

export type AutoIncreaseReport = {
  raised: { tenantId: string; requestId: string; from: number; to: number }[];
  /** Tenants whose option SSPM turned off: the requester it acted for may no longer request changes. */
  switchedOff: string[];
  /** Tenants whose attempt failed unexpectedly (logged); the next sample tries again. */
  failed: string[];
};

/**
 * After the ingestion's commit: for each opted-in tenant among `tenantIds` whose current concurrent
 * usage (the peak of the last five minutes) reached 95 % of its limit, submits, on the behalf of
 * the requester who turned the option on and marked automatic, the concurrent increase right-sizing
 * suggests, cut to what is left of today's threshold, through the normal use case (rules, case,
 * audit, notifications). At most one a tenant per UTC day and never beyond the threshold: both are
 * decided under the tenant's lock in submitRequest and by the database, whatever runs at once.
 *
 * Never throws: the samples are stored whatever happens here, and while usage stays at 95 % the
 * next sample (within five minutes) asks again.
 */
export async function raiseAutomatically(ctx: UseCaseContext, tenantIds: readonly string[]): Promise<AutoIncreaseReport> {
  const report: AutoIncreaseReport = { raised: [], switchedOff: [], failed: [] };
  try {
    const now = ctx.clock();
    const sampled = new Set(tenantIds);
    const opted = await listOptedInTenants(ctx.db, utcDate(now));
    const waiting = opted.filter((tenant) => sampled.has(tenant.id) && !tenant.raisedToday && tenant.monitoringGatewayEnabled);
    if (waiting.length === 0) return report;
    const peaks = await readConcurrentPeaksSince(
      ctx.db,
      waiting.map((tenant) => tenant.id),
      currentUsageSince(now),
    );
    const reached = waiting.filter((tenant) => reachesAutoIncreaseLevel(peaks.get(tenant.id) ?? null, tenant.concurrent));
    if (reached.length === 0) return report;
    const settings = await getSettings(ctx.db);
    const queue = [...reached];
    const worker = async () => {
      for (let tenant = queue.shift(); tenant; tenant = queue.shift()) {
        try {
          await raiseOne(ctx, tenant, peaks.get(tenant.id)!, settings.dailyThreshold, report);
        } catch (error) {
          report.failed.push(tenant.id);
          console.error(`automatic increase of ${tenant.id} failed:`, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_TENANTS, queue.length) }, worker));
  } catch (error) {
    console.error('automatic increase skipped:', error);
  }
  return report;
}

async function raiseOne(ctx: UseCaseContext, tenant: OptedInTenant, peak: number, globalThreshold: number, report: AutoIncreaseReport): Promise<void> {
  const requester = await loadPermittedRequester(ctx.db, tenant.email, tenant.id);
  if (!requester) {
    if (await turnOffForLostPermission(ctx, tenant.id, tenant.userId)) report.switchedOff.push(tenant.id);
    return;
  }
  const now = ctx.clock();
  const decision = automaticIncrease({
    peak,
    limit: tenant.concurrent,
    threshold: effectiveThreshold(globalThreshold, tenant.dailyThreshold),
    usedToday: await sumAutoApprovedIncrease(ctx.db, tenant.id, utcDay(now)),
  });
  if (decision.kind === 'none') return;
  try {
    const request = await submitRequest(
      ctx,
      requester,
      {
        tenantId: tenant.id,
        changes: { concurrent: decision.to },
        // The limit the amount was worked out from: if another request moved it meanwhile, the
        // submission is stale and nothing is asked (usage is read again with the next sample).
        expected: { concurrent: decision.from },
        reason: automaticReason(requester, peak, decision.from),
        justification: undefined,
        revertAt: undefined,
      },
      { automatic: { peak, limit: decision.from } },
    );
    report.raised.push({ tenantId: tenant.id, requestId: request.id, from: decision.from, to: decision.to });
  } catch (error) {
    if (error instanceof AppError && QUIET_REFUSALS.has(error.code)) return;
    throw error;
  }
}

/**
 * The request's reason, written as its requester would: in their language, with the facts. A
 * reason is the requester's words wherever it goes (the request's pages, the case, e-mails, the
 * export and the search); the request's `automatic` flag says in every reader's language who wrote it.
 */
function automaticReason(requester: Caller, peak: number, limit: number): string {
  const t = translatorFor(requester.locale ?? DEFAULT_LOCALE);
  return t('autoIncrease.reason', { peak, limit });
}
