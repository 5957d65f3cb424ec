import { perPortType } from '@/lib/domain/ports';
import { HOUR_MS, MINUTE_MS, type Peaks, type UsageBucket, type UsageSample, bucketStart, maxPeak, sampleSlot } from '@/lib/domain/usage';

/** A seeded generator: the samples are the same on every run (tests mock randomness, never pick it). */
export function seeded(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

/**
 * Samples of `tenants` over the `hours` hours before `end`, three minutes of each hour, some with
 * outbound and agentless; now and then two for the same minute (the first one counts).
 */
export function samplesFor(tenants: readonly string[], end: Date, hours: number, seed = 1): UsageSample[] {
  const random = seeded(seed);
  const samples: UsageSample[] = [];
  for (const tenantId of tenants) {
    for (let h = 1; h <= hours; h += 1) {
      const hour = end.getTime() - h * HOUR_MS;
      for (let n = 0; n < 3; n += 1) {
        const at = new Date(hour + (1 + random(60)) * MINUTE_MS);
        const withPersonalConnection = random(2) === 0;
        samples.push({
          tenantId,
          at,
          concurrent: random(500),
          ...(withPersonalConnection ? { outbound: random(200), agentless: random(50) } : {}),
        });
      }
    }
  }
  return samples;
}

export const peakKey = (tenantId: string, bucket: UsageBucket, start: Date) => `${tenantId} ${bucket} ${start.toISOString()}`;

/**
 * What the peaks must be, computed apart from the database: the first sample of each minute, and the
 * maxima of those per hour and per day (and the minutes themselves), keyed by peakKey.
 */
export function expectedPeaks(samples: readonly UsageSample[]): Map<string, Peaks> {
  const minutes = new Map<string, UsageSample>();
  for (const sample of samples) {
    const { hourStart, minute } = sampleSlot(sample.at);
    const key = `${sample.tenantId} ${hourStart.toISOString()} ${minute}`;
    if (!minutes.has(key)) minutes.set(key, sample);
  }
  const peaks = new Map<string, Peaks>();
  for (const sample of minutes.values()) {
    const { hourStart, minute } = sampleSlot(sample.at);
    const starts = [
      peakKey(sample.tenantId, 'minute', new Date(hourStart.getTime() + minute * MINUTE_MS)),
      peakKey(sample.tenantId, 'hour', hourStart),
      peakKey(sample.tenantId, 'day', bucketStart(hourStart, 'day')),
    ];
    for (const key of starts) {
      const before = peaks.get(key) ?? perPortType(() => null);
      peaks.set(key, perPortType((type) => maxPeak(before[type], sample[type] ?? null)));
    }
  }
  return peaks;
}

/** The expected series of one tenant and bucket over [from, to), oldest first, as the API shapes it. */
export function expectedSeries(samples: readonly UsageSample[], tenantId: string, bucket: UsageBucket, from: Date, to: Date) {
  const prefix = `${tenantId} ${bucket} `;
  return [...expectedPeaks(samples)]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, peaks]) => ({ start: key.slice(prefix.length), ...peaks }))
    .filter((point) => point.start >= from.toISOString() && point.start < to.toISOString())
    .sort((a, b) => a.start.localeCompare(b.start));
}
