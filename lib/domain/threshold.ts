const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_DAILY_THRESHOLD = 100;

/** The UTC day that contains `now`: [start, end). */
export function utcDay(now: Date): { start: Date; end: Date } {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

/** The UTC day of an instant as a `date` column and the day's keys hold it (YYYY-MM-DD): utcDay's day. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A per-tenant override wins over the global threshold. */
export function effectiveThreshold(globalThreshold: number, tenantOverride: number | null | undefined): number {
  return tenantOverride ?? globalThreshold;
}

export function remainingToday(threshold: number, usedToday: number): number {
  return Math.max(0, threshold - usedToday);
}

export type ApprovalRoute = 'auto' | 'review';

/**
 * Only concurrent increases consume the threshold; decreases and outbound/agentless changes are
 * approved at once. Reaching the threshold exactly is still automatic.
 */
export function approvalRoute(concurrentDelta: number, threshold: number, usedToday: number): ApprovalRoute {
  const increase = Math.max(0, concurrentDelta);
  if (increase === 0) return 'auto';
  return usedToday + increase <= threshold ? 'auto' : 'review';
}
