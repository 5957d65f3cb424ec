import { z } from 'zod';
import { type Result, fail, ok } from '@/lib/domain/errors';
import { DAY_MS, MAX_RANGE_DAYS, USAGE_BUCKETS, type UsageBucket } from '@/lib/domain/usage';

// The years an instant may name: PostgreSQL has no year 0, and no usage predates 1900.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 9999;

/** One end of the range: an instant with its offset (`Z` or `+01:00`), never a local time or a bare day. */
const instantSchema = z.iso.datetime({ offset: true, error: 'usage_instant' }).transform((value, ctx) => {
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < EARLIEST_YEAR || at.getUTCFullYear() > LATEST_YEAR) {
    ctx.addIssue({ code: 'custom', message: 'usage_instant' });
    return z.NEVER;
  }
  return at;
});

/** GET /api/v1/tenants/{id}/usage?from=&to=&bucket=: the shape of each parameter; the range is checked against the clock. */
export const usageSeriesQuerySchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  bucket: z.enum(USAGE_BUCKETS, { error: 'usage_bucket' }).default('hour'),
});
export type UsageSeriesQuery = z.infer<typeof usageSeriesQuerySchema>;

/** The range when none is given, ending now: a chart's worth of each bucket. */
export const DEFAULT_RANGE_DAYS: Record<UsageBucket, number> = { minute: 2, hour: 30, day: 365 };

export type UsageRange = { from: Date; to: Date };

/**
 * The range a query asks for: `to` defaults to now and `from` to the default span before `to`.
 * `from` must come before `to` (invalid_range), and the range may span at most MAX_RANGE_DAYS of its
 * bucket (range_too_long), so that an answer stays a few thousand points.
 */
export function usageSeriesRange(query: UsageSeriesQuery, now: Date): Result<UsageRange> {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS[query.bucket] * DAY_MS);
  if (from.getTime() >= to.getTime()) return fail('invalid_range', { from: from.toISOString(), to: to.toISOString() }, query.from ? 'to' : 'from');
  const maxDays = MAX_RANGE_DAYS[query.bucket];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) return fail('range_too_long', { bucket: query.bucket, maxDays }, 'from');
  return ok({ from, to });
}
