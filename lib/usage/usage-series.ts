import { offsetAt, startOfDay } from '@/lib/domain/request-list';
import { DAY_MS, type UtilisationBand, utilisationBand, utilisationPercent } from '@/lib/domain/usage';

/**
 * A port type's series as the tenant page reads it (issue 13 §4): hourly peaks, the limit in force
 * at each moment, and the same figures per day of the reader's calendar for the table view. Pure.
 */
export type PeakPoint = { start: Date; peak: number };
/** Oldest first; each step holds from its `from` until the next one's. */
export type LimitSegment = { from: Date; limit: number };

/** The limit in force at `at`: the last step begun by then (the first, for a moment before it). */
export function limitAt(steps: readonly LimitSegment[], at: Date): number {
  let limit = steps[0]?.limit ?? 0;
  for (const step of steps) {
    if (step.from.getTime() > at.getTime()) break;
    limit = step.limit;
  }
  return limit;
}

/** The highest point of a series (the first of equals), or null for none. */
export function highestPoint(points: readonly PeakPoint[]): PeakPoint | null {
  let highest: PeakPoint | null = null;
  for (const point of points) if (!highest || point.peak > highest.peak) highest = point;
  return highest;
}

/** The peak of the buckets that start at or after `since`; null when none has a sample. */
export function peakSince(points: readonly PeakPoint[], since: Date): number | null {
  return highestPoint(points.filter((point) => point.start.getTime() >= since.getTime()))?.peak ?? null;
}

/** The calendar day (YYYY-MM-DD) that `at` falls on in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  return new Date(at.getTime() + offsetAt(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

function followingDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The calendar days of `timeZone` that [from, to] touches, oldest first, each with the instant it starts. */
export function localDays(from: Date, to: Date, timeZone: string): { day: string; start: Date }[] {
  const days: { day: string; start: Date }[] = [];
  const last = localDay(to, timeZone);
  // A range of a few months at most: the loop is bounded by the days it returns.
  for (let day = localDay(from, timeZone); day <= last; day = followingDay(day)) days.push({ day, start: startOfDay(day, timeZone) });
  return days;
}

export type DailyPeak = { day: string; peak: number | null; limit: number; percent: number | null; band: UtilisationBand | null };

/**
 * One row per calendar day of the reader between `from` and `now`: the day's peak, and the limit it
 * is measured against — the one in force at the hour of the peak (a limit raised in the afternoon
 * does not excuse the morning), else at the end of the day.
 */
export function dailyPeaks(points: readonly PeakPoint[], steps: readonly LimitSegment[], from: Date, now: Date, timeZone: string): DailyPeak[] {
  const byDay = new Map<string, PeakPoint>();
  for (const point of points) {
    const day = localDay(point.start, timeZone);
    const best = byDay.get(day);
    if (!best || point.peak > best.peak) byDay.set(day, point);
  }
  const days = localDays(from, now, timeZone);
  return days.map(({ day }, i) => {
    const best = byDay.get(day) ?? null;
    const end = i + 1 < days.length ? new Date(days[i + 1]!.start.getTime() - 1) : now;
    const limit = limitAt(steps, best ? best.start : end);
    const percent = utilisationPercent(best?.peak ?? null, limit);
    return { day, peak: best?.peak ?? null, limit, percent, band: percent === null ? null : utilisationBand(percent) };
  });
}
