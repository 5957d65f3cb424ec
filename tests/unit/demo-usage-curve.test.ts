import { describe, expect, it } from 'vitest';
import { DEMO_USAGE_PROFILES, type DemoUsageProfile, demoHour, demoPeaks, demoUsage } from '@/db/demo-usage-curve';
import { feedSamples } from '@/db/usage-feed';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// A Thursday; its week: Monday 2026-11-23 … Sunday 2026-11-29.
const THURSDAY = Date.parse('2026-11-26T00:00:00Z');
const SATURDAY = Date.parse('2026-11-28T00:00:00Z');

const profile = (id: string): DemoUsageProfile => DEMO_USAGE_PROFILES.find((candidate) => candidate.tenantId === id)!;

/** The concurrent values of the minutes in [from, to). */
function concurrent(tenant: DemoUsageProfile, from: number, to: number, driveStart?: number): number[] {
  const values: number[] = [];
  for (let hour = from; hour < to; hour += HOUR) values.push(...demoHour(tenant, hour, driveStart).concurrent);
  return values;
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('the demo usage curve (issue 13 §8)', () => {
  it('has one profile per demo tenant, with the limits of the demo data', () => {
    expect(DEMO_USAGE_PROFILES).toHaveLength(156);
    expect(profile('league').limits).toEqual({ concurrent: 150, outbound: 80, agentless: 40 });
    expect(profile('blakeney').limits).toEqual({ concurrent: 50, outbound: 0, agentless: 0 });
  });

  it('is busier on a weekday afternoon than at night, in the tenant’s own time', () => {
    for (const id of ['classics', 'blakeney', 'gascony', 'aberdeen-freight']) {
      const tenant = profile(id);
      const local = THURSDAY - tenant.utcOffsetHours * HOUR;
      const day = mean(concurrent(tenant, local + 10 * HOUR, local + 16 * HOUR));
      const night = mean(concurrent(tenant, local + 1 * HOUR, local + 5 * HOUR));
      expect(day, id).toBeGreaterThan(4 * night);
    }
  });

  it('is quieter at weekends than on weekdays', () => {
    for (const id of ['classics', 'musketeers', 'nautilus', 'lyon-legal-services']) {
      const tenant = profile(id);
      const weekday = mean(concurrent(tenant, THURSDAY, THURSDAY + DAY));
      for (const weekend of [SATURDAY, SATURDAY + DAY]) expect(mean(concurrent(tenant, weekend, weekend + DAY)), id).toBeLessThan(0.5 * weekday);
    }
  });

  it('pushes the League near its 150 concurrent ports in its drive, never above, every day of the week, and its outbound and agentless stay within their limits', () => {
    const league = profile('league');
    const driveStart = THURSDAY - 14 * DAY;
    const before = concurrent(league, driveStart - 14 * DAY, driveStart, driveStart);
    expect(Math.max(...before)).toBeLessThan(0.8 * 150);
    // From the end of its five-day climb: each day's peak at or above 95 %, never at the limit.
    for (let day = driveStart + 5 * DAY; day < driveStart + 40 * DAY; day += DAY) {
      const peak = Math.max(...concurrent(league, day, day + DAY, driveStart));
      expect(peak, new Date(day).toISOString()).toBeGreaterThanOrEqual(0.95 * 150);
      expect(peak).toBeLessThan(150);
    }
    const drive = demoPeaks(league, driveStart, driveStart + 40 * DAY, driveStart);
    expect(drive.outbound).toBeLessThanOrEqual(80);
    expect(drive.outbound).toBeGreaterThan(0.8 * 80);
    expect(drive.agentless).toBeLessThanOrEqual(40);
  });

  it('keeps Blakeney below 60 % of its 50 ports, so that a decrease is suggested', () => {
    const peak = demoPeaks(profile('blakeney'), THURSDAY - 90 * DAY, THURSDAY).concurrent;
    expect(peak).toBeLessThan(0.6 * 50);
    expect(peak).toBeGreaterThanOrEqual(15);
  });

  it('leaves most of Nautilus’s customers well within their limits and a few close to them', () => {
    const bands = { green: 0, amber: 0, red: 0 };
    for (const tenant of DEMO_USAGE_PROFILES.filter((candidate) => candidate.tenantId.includes('-'))) {
      const percent = (demoPeaks(tenant, THURSDAY - 7 * DAY, THURSDAY).concurrent * 100) / tenant.limits.concurrent;
      bands[percent >= 95 ? 'red' : percent >= 80 ? 'amber' : 'green'] += 1;
    }
    expect(bands.green).toBeGreaterThan(120);
    expect(bands.amber).toBeGreaterThanOrEqual(3);
    expect(bands.red).toBeGreaterThanOrEqual(3);
  });

  it('is deterministic: the same tenant and minute always give the same values, hour by hour or minute by minute', () => {
    for (const tenant of [profile('league'), profile('gascony'), profile('turin-travel')]) {
      const hour = THURSDAY + 11 * HOUR;
      const first = demoHour(tenant, hour);
      expect(demoHour(tenant, hour)).toEqual(first);
      for (const minute of [0, 17, 59]) {
        expect(demoUsage(tenant, hour + minute * MINUTE)).toEqual({
          concurrent: first.concurrent[minute],
          outbound: first.outbound?.[minute] ?? null,
          agentless: first.agentless?.[minute] ?? null,
        });
      }
    }
  });

  it('finds the same peaks without every minute as with them', () => {
    for (const tenant of [profile('league'), profile('blakeney'), profile('nautilus'), profile('porto-energy'), profile('malmo-lettings')]) {
      for (const [from, to] of [
        [THURSDAY, THURSDAY + DAY],
        [SATURDAY, SATURDAY + DAY],
        [THURSDAY + 7 * HOUR, THURSDAY + 9 * HOUR],
      ] as const) {
        const hours = Array.from({ length: (to - from) / HOUR }, (_, i) => demoHour(tenant, from + i * HOUR, THURSDAY - 3 * DAY));
        const top = (type: 'concurrent' | 'outbound' | 'agentless') =>
          hours[0]![type] === null ? null : Math.max(...hours.map((hour) => Math.max(...hour[type]!)));
        expect(demoPeaks(tenant, from, to, THURSDAY - 3 * DAY)).toEqual({ concurrent: top('concurrent'), outbound: top('outbound'), agentless: top('agentless') });
      }
    }
  });

  it('feeds, for each minute, the value the seed stores in that minute’s slot, sampled at the minute’s end, without the port types a tenant lacks', () => {
    const tenants = [profile('league'), profile('blakeney')];
    const from = THURSDAY + 14 * HOUR;
    const samples = feedSamples(tenants, from, from + 2 * MINUTE);
    // The League's drive long under way, as the feed assumes.
    const seeded = tenants.map((tenant) => demoHour(tenant, from, from - 60 * DAY));
    expect(samples).toEqual([
      { tenantId: 'league', at: '2026-11-26T14:01:00.000Z', concurrent: seeded[0]!.concurrent[0], outbound: seeded[0]!.outbound![0], agentless: seeded[0]!.agentless![0] },
      { tenantId: 'blakeney', at: '2026-11-26T14:01:00.000Z', concurrent: seeded[1]!.concurrent[0] },
      { tenantId: 'league', at: '2026-11-26T14:02:00.000Z', concurrent: seeded[0]!.concurrent[1], outbound: seeded[0]!.outbound![1], agentless: seeded[0]!.agentless![1] },
      { tenantId: 'blakeney', at: '2026-11-26T14:02:00.000Z', concurrent: seeded[1]!.concurrent[1] },
    ]);
  });
});
