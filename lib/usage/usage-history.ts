import 'server-only';
import type { Executor } from '@/db/client';
import { listLimitChanges } from '@/lib/data/requests';
import { type SeriesPoint, readSeries } from '@/lib/data/usage';
import { type LimitChange, type LimitStep, limitHistory } from '@/lib/domain/limit-history';
import type { Limits } from '@/lib/domain/ports';
import type { UsageBucket } from '@/lib/domain/usage';

/** A tenant's peaks over a range with the limits in force over it: what every usage picture draws. */
export type UsageHistory = {
  /** Peaks per bucket, oldest first; buckets without a sample are absent. */
  series: SeriesPoint[];
  /** The steps of the limits from `range.from` to `now` (lib/domain/limit-history.ts). */
  limits: LimitStep[];
  /** The changes the steps come from, for the pictures that mark them. */
  changes: LimitChange[];
};

/**
 * The one read behind the usage API and the tenant page: the series and the tenant's limit changes
 * in parallel, walked back from today's `limits` into the steps in force over the range. The tenant
 * has been found in the caller's scope already.
 */
export async function readUsageHistory(
  db: Executor,
  tenant: { id: string; limits: Limits },
  range: { from: Date; to: Date },
  bucket: UsageBucket,
  now: Date,
): Promise<UsageHistory> {
  const [series, changes] = await Promise.all([readSeries(db, tenant.id, range, bucket), listLimitChanges(db, tenant.id)]);
  return { series, changes, limits: limitHistory(tenant.limits, changes, range.from, now) };
}
