import { type Limits, MAX_PORTS, type PortType, perPortType } from './ports';

/**
 * Usage (issue 13): the peak number of ports simultaneously in use. A sample tells the peak of the
 * interval that ends at its `at`; it is kept in the slot of the minute that interval ends in, so
 * that one sample per minute, each at a whole minute, fills slots 0…59 of each hour in turn.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Minute samples are kept this long; hourly and daily peaks for two years. */
export const MINUTE_RETENTION_DAYS = 35;
export const PEAK_RETENTION_DAYS = 731;

/** The most samples one call of the ingestion API may carry. */
export const MAX_SAMPLES_PER_CALL = 10_000;

/** How far ahead of the server's clock a sample may be, for clocks that disagree a little. */
export const FUTURE_SKEW_MS = 5 * MINUTE_MS;

export type UsageBucket = 'minute' | 'hour' | 'day';
export const USAGE_BUCKETS: readonly UsageBucket[] = ['minute', 'hour', 'day'];

/** The longest range a series of each bucket may span, so that an answer stays a few thousand points. */
export const MAX_RANGE_DAYS: Record<UsageBucket, number> = { minute: 2, hour: 92, day: PEAK_RETENTION_DAYS };

/** A sample's port values: concurrent always, outbound and agentless when the platform sends them. */
export type UsageValues = { concurrent: number; outbound?: number | null; agentless?: number | null };
export type UsageSample = UsageValues & { tenantId: string; at: Date };

/** Peaks per port type; null where no sample of that type came. */
export type Peaks = Record<PortType, number | null>;

export const NO_PEAKS: Peaks = perPortType(() => null);

/** Where a sample is kept: the hour that holds the minute its interval ends in, and that minute's slot. */
export function sampleSlot(at: Date): { hourStart: Date; minute: number } {
  // The interval ends at `at`: a sample at 10:05:00 is the minute 10:04–10:05, slot 4 of hour 10.
  const minuteStart = Math.floor((at.getTime() - 1) / MINUTE_MS) * MINUTE_MS;
  const hourStart = Math.floor(minuteStart / HOUR_MS) * HOUR_MS;
  return { hourStart: new Date(hourStart), minute: (minuteStart - hourStart) / MINUTE_MS };
}

/** The start of the bucket that holds `at`, in UTC. */
export function bucketStart(at: Date, bucket: UsageBucket): Date {
  const size = bucket === 'minute' ? MINUTE_MS : bucket === 'hour' ? HOUR_MS : DAY_MS;
  return new Date(Math.floor(at.getTime() / size) * size);
}

/** Why a sample cannot be stored, or null when it can. */
export type SampleProblem = 'sample_in_future' | 'sample_too_old';

export function sampleTimeProblem(at: Date, now: Date): SampleProblem | null {
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) return 'sample_in_future';
  if (at.getTime() <= now.getTime() - MINUTE_RETENTION_DAYS * DAY_MS) return 'sample_too_old';
  return null;
}

export const isValidPortCount = (value: number) => Number.isInteger(value) && value >= 0 && value <= MAX_PORTS;

/** Utilisation bands of the dashboard's bars (issue 13 §4): green < 80 %, amber 80–95 %, red ≥ 95 %. */
export type UtilisationBand = 'green' | 'amber' | 'red';
export const AMBER_FROM_PERCENT = 80;
export const RED_FROM_PERCENT = 95;

/**
 * A peak as a share of its limit, in percent, or null when there is nothing to compare (no sample,
 * or a limit of 0 with no usage). A peak above a limit of 0 is the full bar.
 */
export function utilisationPercent(peak: number | null, limit: number): number | null {
  if (peak === null) return null;
  if (limit <= 0) return peak > 0 ? 100 : null;
  return (peak / limit) * 100;
}

export function utilisationBand(percent: number): UtilisationBand {
  if (percent >= RED_FROM_PERCENT) return 'red';
  if (percent >= AMBER_FROM_PERCENT) return 'amber';
  return 'green';
}

export type Utilisation = { type: PortType; peak: number | null; limit: number; percent: number | null; band: UtilisationBand | null };

/** One tenant's peaks against its limits, for the port types it has. */
export function utilisationOf(peaks: Peaks, limits: Limits, types: readonly PortType[]): Utilisation[] {
  return types.map((type) => {
    const percent = utilisationPercent(peaks[type], limits[type]);
    return { type, peak: peaks[type], limit: limits[type], percent, band: percent === null ? null : utilisationBand(percent) };
  });
}

/** The larger of two peaks, null meaning "no sample". */
export function maxPeak(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
