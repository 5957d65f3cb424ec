import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { getTenant } from '@/lib/data/tenants';
import { AppError, unwrap } from '@/lib/domain/errors';
import { PORT_TYPES, type PortType, enabledPortTypes, limitsOf, perPortType } from '@/lib/domain/ports';
import { HOUR_MS, MINUTE_MS, DAY_MS, type UsageBucket, bucketStart } from '@/lib/domain/usage';
import { requireView } from '@/lib/requests/read-requests';
import type { UseCaseContext } from '@/lib/use-case-context';
import { type UsageSeriesQuery, usageSeriesRange } from '@/lib/validation/usage-series';
import { readUsageHistory } from './usage-history';

type PortValues = Record<PortType, number | null>;

/**
 * GET /api/v1/tenants/{id}/usage (issue 13 §3). Instants are ISO strings. `from` and `to` are the
 * range answered: the one asked for, widened to whole buckets. A port type the tenant does not have
 * (outbound and agentless without Personal Connection) is null throughout, in the series and the
 * limits alike, so that "not measured" never reads as "none in use" or "a limit of 0".
 */
export type TenantUsageView = {
  tenantId: string;
  bucket: UsageBucket;
  from: string;
  to: string;
  /** The peak of each bucket with a sample, oldest first; buckets without one are absent. */
  series: ({ start: string } & PortValues)[];
  /** The limits in force, oldest first: the first step at `from`, then one at each change inside the range. */
  limits: ({ from: string } & PortValues)[];
};

const BUCKET_MS: Record<UsageBucket, number> = { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS };

/** The end of the bucket that holds the instant just before `at`: `at` itself when it is a bucket's start. */
const bucketEnd = (at: Date, bucket: UsageBucket) => new Date(bucketStart(new Date(at.getTime() - 1), bucket).getTime() + BUCKET_MS[bucket]);

/**
 * A tenant's peaks per bucket over a range, with the limit as it was at each moment. The tenant is
 * looked up in the caller's scope: one outside it is not found, exactly as one that does not exist.
 */
export async function getTenantUsage(ctx: UseCaseContext, caller: Caller, tenantId: string, query: UsageSeriesQuery): Promise<TenantUsageView> {
  requireView(caller);
  const tenant = await getTenant(ctx.db, caller.scope, tenantId);
  if (!tenant) throw new AppError('not_found', { what: 'tenant' });
  const now = ctx.clock();
  const asked = unwrap(usageSeriesRange(query, now));
  // Whole buckets: a day's peak is the whole day's, whether its first hours are in the range or not.
  const from = bucketStart(asked.from, query.bucket);
  const to = bucketEnd(asked.to, query.bucket);
  const history = await readUsageHistory(ctx.db, { id: tenant.id, limits: limitsOf(tenant) }, { from, to }, query.bucket, now);
  const enabled = new Set(enabledPortTypes(tenant.personalConnectionEnabled));
  const shown = (values: Record<PortType, number | null>): PortValues => perPortType((type) => (enabled.has(type) ? values[type] : null));
  const steps = history.limits.filter((step) => step.from.getTime() < to.getTime());
  return {
    tenantId: tenant.id,
    bucket: query.bucket,
    from: from.toISOString(),
    to: to.toISOString(),
    series: history.series.map((point) => ({ start: point.start.toISOString(), ...shown(point) })),
    limits: dropRepeats(steps.map((step) => ({ from: step.from.toISOString(), ...shown(step) }))),
  };
}

/** Hiding a port type can make two steps alike: the later one says nothing new. */
function dropRepeats<T extends PortValues>(steps: T[]): T[] {
  return steps.filter((step, i) => i === 0 || PORT_TYPES.some((type) => step[type] !== steps[i - 1]![type]));
}
