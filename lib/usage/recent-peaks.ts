import { DAY_MS, bucketStart } from '@/lib/domain/usage';

/**
 * The windows the pictures read peaks over (issue 13 §4, §6), pure so that the dashboard, the tenant
 * page and the new-request form (a client component) agree on them.
 */

/** The dashboard's bars and the form's first figure: the last 7 days. */
export const RECENT_PEAK_DAYS = 7;
/** Right-sizing, the tenant page's charts and the form's second figure: the last 30 days. */
export const RIGHT_SIZING_DAYS = 30;

/**
 * The start of a window of `days` UTC days that ends with today: the UTC midnight `days - 1` days
 * ago. Peaks are kept per UTC day, so a window starts at a day's start (readPeaksSince's `since`).
 */
export function peaksWindowStart(now: Date, days: number): Date {
  return bucketStart(new Date(now.getTime() - (days - 1) * DAY_MS), 'day');
}

/**
 * A utilisation as the page writes it: rounded down, so that the number never reads as a band the
 * bar is not in (94.6 % is amber and reads "94 %", not "95 %").
 */
export function wholePercent(percent: number): number {
  return Math.floor(percent);
}

/**
 * The new-request form's warning (not a rule: the server decides): a decrease to below the peak of
 * the last 30 days would have refused calls on that day.
 */
export function decreaseBelowPeak(requested: number | undefined, current: number, peak: number | null): boolean {
  if (requested === undefined || peak === null || !Number.isInteger(requested)) return false;
  return requested < current && requested < peak;
}
