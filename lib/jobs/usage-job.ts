import { deleteExpiredUsage, rollUpUsage } from '@/lib/data/usage';
import type { UseCaseContext } from '@/lib/use-case-context';
import { withJobLock } from './job-lock';

/** Vercel gives the route 60 s; the run stops starting new work well before that. */
const BUDGET_MS = 45_000;

/**
 * Rows per transaction (tests pass smaller ones). Short transactions keep the row locks the ingestion may wait on brief (a
 * sample for a row being rolled up waits for its commit); ten thousand tenants fill about that many
 * rows every five minutes, so a run usually takes a few batches.
 */
export const ROLLUP_BATCH = 2_000;
export const RETENTION_BATCH = 5_000;

export type UsageJobReport = {
  /** false: another run held the lock, and this one did nothing. */
  ran: boolean;
  /** usage_minutes rows whose hour and day peaks were brought up to date. */
  rolled: number;
  /** Rows past their retention: minute rows after 35 days (once rolled up), peaks after two years. */
  deleted: number;
  seconds: number;
};

/**
 * The usage rollup (issue 13 §2): brings the hourly and daily peaks up to date with the minute rows
 * that changed since the last run, then deletes what is past its retention, each in short
 * transactions until nothing is left or the budget runs out; the next run picks up the rest. Rolling
 * up first lets old rows be deleted in the same run (only rolled rows are deleted).
 */
export async function runUsageJob(
  ctx: UseCaseContext,
  options: { budgetMs?: number; rollupBatch?: number; retentionBatch?: number } = {},
): Promise<UsageJobReport> {
  const started = Date.now();
  const deadline = started + (options.budgetMs ?? BUDGET_MS);
  const rollupBatch = options.rollupBatch ?? ROLLUP_BATCH;
  const retentionBatch = options.retentionBatch ?? RETENTION_BATCH;
  const outcome = await withJobLock(ctx.db, 'usageRollup', async () => {
    let rolled = 0;
    let deleted = 0;
    while (Date.now() < deadline) {
      const batch = await ctx.db.transaction((tx) => rollUpUsage(tx, rollupBatch));
      rolled += batch;
      // A short batch: nothing left but rows a concurrent ingestion holds, which it marks unrolled again anyway.
      if (batch < rollupBatch) break;
    }
    const now = ctx.clock();
    while (Date.now() < deadline) {
      const batch = await ctx.db.transaction((tx) => deleteExpiredUsage(tx, now, retentionBatch));
      deleted += batch;
      if (batch === 0) break;
    }
    return { rolled, deleted };
  });
  const done = outcome.ran ? outcome.value : { rolled: 0, deleted: 0 };
  return { ran: outcome.ran, ...done, seconds: Math.round(Date.now() - started) / 1000 };
}
