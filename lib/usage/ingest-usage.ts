import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { canWriteUsage } from '@/lib/auth/permissions';
import { storeSamples } from '@/lib/data/usage';
import { listAlertTenants } from '@/lib/data/usage-alerts';
import { AppError } from '@/lib/domain/errors';
import { FUTURE_SKEW_MS, MINUTE_MS, MINUTE_RETENTION_DAYS, type UsageSample, sampleTimeProblem } from '@/lib/domain/usage';
import type { IssueLike } from '@/lib/i18n/render-error';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { UsageBatchInput } from '@/lib/validation/usage';
import { raiseAutomatically } from './auto-increase';
import { evaluateUsageAlertsOf } from './usage-alerts';

/**
 * What a call did: `received` samples, of which `stored` filled at least one empty minute slot and
 * `duplicates` filled none (a resend, a second sample of the same minute, or values already there).
 * `received = stored + duplicates`.
 */
export type IngestResult = { received: number; stored: number; duplicates: number };

/** The unknown tenants a 404 names in its sentence; `issues` lists every one of them. */
const NAMED_UNKNOWN_TENANTS = 10;

/**
 * Only the platform's metrics pipeline posts usage: a service user holding usage:write. A partner
 * user (one with a home tenant) never does, whatever its groups map to: it could otherwise feed
 * another partner's tenants usage that raises alerts and automatic increases.
 */
export function requireUsageWriter(caller: Caller): void {
  if (!canWriteUsage(caller) || caller.homeTenantId !== null) {
    throw new AppError('forbidden', { action: 'write_usage' });
  }
}

/**
 * POST /api/v1/usage (issue 13 §1): stores a batch of samples, all or nothing. A sample out of the
 * time window (ahead of the clock beyond the skew, or older than minute retention) or of an unknown
 * tenant refuses the whole batch with the index of each; then, in one transaction, the samples are
 * stored (idempotently: a resend changes nothing) and the usage alerts evaluated. The automatic
 * increases run after the commit (after the answer, where the context allows): their failure must
 * not turn a stored batch into an error.
 */
export async function ingestUsage(ctx: UseCaseContext, caller: Caller, input: UsageBatchInput): Promise<IngestResult> {
  requireUsageWriter(caller);
  const { samples } = input;
  const now = ctx.clock();
  const late = timeIssues(samples, now);
  if (late.length > 0) throw new AppError('invalid_input', {}, { issues: late });

  const firstIndex = new Map<string, number>();
  samples.forEach((sample, index) => {
    if (!firstIndex.has(sample.tenantId)) firstIndex.set(sample.tenantId, index);
  });
  const tenantIds = [...firstIndex.keys()];

  const stored = await ctx.db.transaction(async (tx) => {
    // Inside the transaction: a tenant the lookup found is one the samples' foreign key finds. The
    // one read of the tenants serves the alerts too (their limits and names).
    const tenants = await listAlertTenants(tx, tenantIds);
    const existing = new Set(tenants.map((tenant) => tenant.id));
    const unknown = tenantIds.filter((id) => !existing.has(id));
    if (unknown.length > 0) throw unknownTenants(unknown, firstIndex);
    const counts = await storeSamples(tx, samples);
    await evaluateUsageAlertsOf(tx, samples, now, tenants);
    return counts.samples;
  });

  // After the answer where the app can (Next's after()): a mass crossing submits one request per
  // tenant, each with its case, and the pipeline should not wait for them. Nothing is lost if the
  // process dies first: the next sample within the five-minute window raises again.
  const raise = async () => {
    try {
      await raiseAutomatically(ctx, tenantIds);
    } catch (error) {
      console.error('usage ingestion: automatic increases failed after the samples were stored:', error);
    }
  };
  if (ctx.background) ctx.background(raise);
  else await raise();
  return { received: samples.length, stored, duplicates: samples.length - stored };
}

/** Each sample the clock refuses, by index: its `at` is the field at fault. */
function timeIssues(samples: readonly UsageSample[], now: Date): IssueLike[] {
  const issues: IssueLike[] = [];
  samples.forEach((sample, index) => {
    const problem = sampleTimeProblem(sample.at, now);
    if (!problem) return;
    const params = problem === 'sample_in_future' ? { minutes: FUTURE_SKEW_MS / MINUTE_MS } : { days: MINUTE_RETENTION_DAYS };
    issues.push({ code: 'custom', path: ['samples', index, 'at'], message: problem, params });
  });
  return issues;
}

/** A 404 naming the unknown tenants; each issue points at the first sample of one of them. */
function unknownTenants(unknown: readonly string[], firstIndex: ReadonlyMap<string, number>): AppError {
  const named = unknown.slice(0, NAMED_UNKNOWN_TENANTS);
  return new AppError(
    'unknown_tenants',
    { count: unknown.length, tenantIds: named.join(', '), more: unknown.length - named.length },
    {
      issues: unknown.map((tenantId) => ({
        code: 'custom',
        path: ['samples', firstIndex.get(tenantId)!, 'tenantId'],
        message: 'tenant_unknown',
        params: { tenantId },
      })),
    },
  );
}
