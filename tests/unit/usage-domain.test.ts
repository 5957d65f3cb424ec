import { describe, expect, it } from 'vitest';
import { MAX_PORTS } from '@/lib/domain/ports';
import { increaseTarget, suggestFor, suggestRightSizing } from '@/lib/domain/right-sizing';
import {
  DAY_MS,
  FUTURE_SKEW_MS,
  MINUTE_RETENTION_DAYS,
  NO_PEAKS,
  bucketStart,
  isValidPortCount,
  maxPeak,
  sampleSlot,
  sampleTimeProblem,
  utilisationBand,
  utilisationOf,
  utilisationPercent,
} from '@/lib/domain/usage';

const at = (iso: string) => new Date(iso);
const PRICE = 1250;

describe('sampleSlot: a sample is kept in the minute its interval ends in', () => {
  it.each([
    ['2026-11-20T10:05:00.000Z', '2026-11-20T10:00:00.000Z', 4, 'a sample on a whole minute is the minute before it (10:04–10:05)'],
    ['2026-11-20T10:05:00.001Z', '2026-11-20T10:00:00.000Z', 5, 'a millisecond past the minute is the next one'],
    ['2026-11-20T10:04:59.999Z', '2026-11-20T10:00:00.000Z', 4, 'the last millisecond of a minute is that minute'],
    ['2026-11-20T10:00:00.001Z', '2026-11-20T10:00:00.000Z', 0, 'just after the hour is slot 0 of the new hour'],
    ['2026-11-20T11:00:00.000Z', '2026-11-20T10:00:00.000Z', 59, 'on the hour is slot 59 of the hour before'],
    ['2026-11-21T00:00:00.000Z', '2026-11-20T23:00:00.000Z', 59, 'UTC midnight belongs to the day before'],
    ['2026-11-20T10:30:30.000Z', '2026-11-20T10:00:00.000Z', 30, 'an off-minute sample is the minute it ends in'],
  ])('%s → hour %s, slot %i: %s', (sample, hour, minute) => {
    expect(sampleSlot(at(sample))).toEqual({ hourStart: at(hour), minute });
  });

  it('fills slots 0…59 of an hour, one each, from one sample per whole minute', () => {
    const slots = Array.from({ length: 60 }, (_, i) => sampleSlot(new Date(Date.parse('2026-11-20T10:01:00Z') + i * 60_000)));
    expect(slots.map((slot) => slot.minute)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(new Set(slots.map((slot) => slot.hourStart.toISOString()))).toEqual(new Set(['2026-11-20T10:00:00.000Z']));
  });
});

describe('bucketStart: the UTC start of the bucket that holds an instant', () => {
  it.each([
    ['minute', '2026-11-20T10:05:59.999Z', '2026-11-20T10:05:00.000Z'],
    ['minute', '2026-11-20T10:05:00.000Z', '2026-11-20T10:05:00.000Z'],
    ['hour', '2026-11-20T10:59:59.999Z', '2026-11-20T10:00:00.000Z'],
    ['hour', '2026-11-20T11:00:00.000Z', '2026-11-20T11:00:00.000Z'],
    ['day', '2026-11-20T23:59:59.999Z', '2026-11-20T00:00:00.000Z'],
    ['day', '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z'],
  ] as const)('a %s bucket: %s starts at %s (a boundary starts its own bucket)', (bucket, instant, start) => {
    expect(bucketStart(at(instant), bucket)).toEqual(at(start));
  });
});

describe('sampleTimeProblem: how old or how far ahead a sample may be', () => {
  const now = at('2026-11-26T10:00:00Z');
  it('accepts a sample up to five minutes ahead of the server clock, and refuses one a millisecond later', () => {
    expect(sampleTimeProblem(new Date(now.getTime() + FUTURE_SKEW_MS), now)).toBeNull();
    expect(sampleTimeProblem(new Date(now.getTime() + FUTURE_SKEW_MS + 1), now)).toBe('sample_in_future');
  });
  it('refuses a sample exactly 35 days old (past the minute retention) and accepts one a millisecond younger', () => {
    const cutoff = now.getTime() - MINUTE_RETENTION_DAYS * DAY_MS;
    expect(sampleTimeProblem(new Date(cutoff), now)).toBe('sample_too_old');
    expect(sampleTimeProblem(new Date(cutoff + 1), now)).toBeNull();
  });
  it('accepts a sample at the server clock itself', () => {
    expect(sampleTimeProblem(now, now)).toBeNull();
  });
});

describe('isValidPortCount: a whole number of ports from 0 to MAX_PORTS', () => {
  it.each([
    [0, true],
    [MAX_PORTS, true],
    [MAX_PORTS + 1, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
  ])('%d → %s', (value, valid) => {
    expect(isValidPortCount(value)).toBe(valid);
  });
});

describe('utilisationPercent: a peak as a share of its limit', () => {
  it('is the plain ratio in percent, above 100 when the peak passed the limit', () => {
    expect(utilisationPercent(75, 150)).toBe(50);
    expect(utilisationPercent(150, 150)).toBe(100);
    expect(utilisationPercent(160, 150)).toBeCloseTo(106.667, 3);
    expect(utilisationPercent(0, 150)).toBe(0);
  });
  it('is null without a sample: no data is not 0 %', () => {
    expect(utilisationPercent(null, 150)).toBeNull();
    expect(utilisationPercent(null, 0)).toBeNull();
  });
  it('against a limit of 0: any use is a full bar, no use is nothing to compare', () => {
    expect(utilisationPercent(5, 0)).toBe(100);
    expect(utilisationPercent(0, 0)).toBeNull();
  });
});

describe('utilisationBand: green < 80 %, amber 80–95 %, red ≥ 95 %', () => {
  it.each([
    [0, 'green'],
    [79.999, 'green'],
    [80, 'amber'],
    [94.999, 'amber'],
    [95, 'red'],
    [100, 'red'],
    [140, 'red'],
  ] as const)('%d %% is %s (exactly 80 is amber, exactly 95 is red)', (percent, band) => {
    expect(utilisationBand(percent)).toBe(band);
  });
  it('120 of 150 is exactly 80 %, amber; 142.5 of 150 is exactly 95 %, red', () => {
    expect(utilisationBand(utilisationPercent(120, 150)!)).toBe('amber');
    expect(utilisationBand(utilisationPercent(142.5, 150)!)).toBe('red');
    expect(utilisationBand(utilisationPercent(119, 150)!)).toBe('green');
  });
});

describe('utilisationOf: a tenant\'s peaks against its limits, for the port types it has', () => {
  it('answers one entry per given type, in the given order, with its band; no data has no band', () => {
    const limits = { concurrent: 150, outbound: 80, agentless: 40 };
    expect(utilisationOf({ concurrent: 143, outbound: 64, agentless: null }, limits, ['concurrent', 'outbound', 'agentless'])).toEqual([
      { type: 'concurrent', peak: 143, limit: 150, percent: (143 / 150) * 100, band: 'red' },
      { type: 'outbound', peak: 64, limit: 80, percent: 80, band: 'amber' },
      { type: 'agentless', peak: null, limit: 40, percent: null, band: null },
    ]);
  });
  it('leaves out the port types the tenant does not have', () => {
    expect(utilisationOf(NO_PEAKS, { concurrent: 50, outbound: 0, agentless: 0 }, ['concurrent']).map((entry) => entry.type)).toEqual(['concurrent']);
  });
});

describe('maxPeak: the larger of two peaks, null meaning "no sample"', () => {
  it.each([
    [null, null, null],
    [null, 3, 3],
    [4, null, 4],
    [0, null, 0],
    [2, 7, 7],
    [7, 2, 7],
  ])('max(%s, %s) = %s', (a, b, expected) => {
    expect(maxPeak(a, b)).toBe(expected);
  });
});

describe('right-sizing: a peak below 60 % suggests a decrease to the peak + 20 % rounded up to 10', () => {
  it('suggests 150 → 30 for a 30-day peak of 21 (21 × 1.2 = 25.2 → 30), saving 120 ports at the port price', () => {
    expect(suggestFor('concurrent', 21, 150, PRICE)).toEqual({ kind: 'decrease', type: 'concurrent', peak: 21, from: 150, to: 30, monthlySavingCents: 120 * PRICE });
  });
  it('rounds a whole number already on a ten to itself: peak 25 → 30 exactly (25 × 1.2 = 30)', () => {
    expect(suggestFor('concurrent', 25, 100, PRICE)).toMatchObject({ kind: 'decrease', to: 30 });
  });
  it('suggests nothing at exactly 60 % (30 of 50), and a decrease just below it (29 of 50 → 40)', () => {
    expect(suggestFor('concurrent', 30, 50, PRICE)).toBeNull();
    expect(suggestFor('concurrent', 29, 50, PRICE)).toMatchObject({ kind: 'decrease', from: 50, to: 40, monthlySavingCents: 10 * PRICE });
  });
  it('suggests nothing when the rounded target would not be lower than the limit (peak 5 of 10: 6 rounds up to 10)', () => {
    expect(suggestFor('concurrent', 5, 10, PRICE)).toBeNull();
  });
  it('suggests 0 for a tenant that used nothing at all', () => {
    expect(suggestFor('concurrent', 0, 50, PRICE)).toMatchObject({ kind: 'decrease', to: 0, monthlySavingCents: 50 * PRICE });
  });
  it('counts the saving only for concurrent ports, which alone are priced', () => {
    expect(suggestFor('outbound', 10, 80, PRICE)).toEqual({ kind: 'decrease', type: 'outbound', peak: 10, from: 80, to: 20, monthlySavingCents: 0 });
    expect(suggestFor('agentless', 1, 40, PRICE)).toMatchObject({ kind: 'decrease', to: 10, monthlySavingCents: 0 });
  });
  it('saves nothing in money when the port price is 0 (costs hidden)', () => {
    expect(suggestFor('concurrent', 21, 150, 0)).toMatchObject({ kind: 'decrease', to: 30, monthlySavingCents: 0 });
  });
});

describe('right-sizing: a peak at or above 95 % suggests an increase', () => {
  it('suggests 150 → 180 for a peak of 143 (95.3 %): the peak at 80 % of the new limit, rounded up to 10, costing 30 ports', () => {
    expect(suggestFor('concurrent', 143, 150, PRICE)).toEqual({ kind: 'increase', type: 'concurrent', peak: 143, from: 150, to: 180, monthlyCostCents: 30 * PRICE });
  });
  it('suggests an increase at exactly 95 % (95 of 100 → 120) and nothing just below (94 of 100)', () => {
    expect(suggestFor('concurrent', 95, 100, PRICE)).toMatchObject({ kind: 'increase', to: 120 });
    expect(suggestFor('concurrent', 94, 100, PRICE)).toBeNull();
  });
  it('suggests more than the peak when the peak passed the limit (130 of 100 → 170)', () => {
    expect(suggestFor('concurrent', 130, 100, PRICE)).toMatchObject({ kind: 'increase', from: 100, to: 170 });
  });
  it('prices no increase of outbound or agentless ports', () => {
    expect(suggestFor('outbound', 80, 80, PRICE)).toMatchObject({ kind: 'increase', to: 100, monthlyCostCents: 0 });
  });
  it('raises by at least 10 ports (5 of 5 → 15, where 80 % alone would give 10)', () => {
    expect(increaseTarget(5, 5)).toBe(15);
    expect(suggestFor('concurrent', 5, 5, PRICE)).toMatchObject({ kind: 'increase', to: 15 });
  });
  it('never suggests above MAX_PORTS, and nothing at all when the limit is already there', () => {
    expect(suggestFor('concurrent', 9990, 9990, PRICE)).toMatchObject({ kind: 'increase', to: MAX_PORTS });
    expect(suggestFor('concurrent', MAX_PORTS, MAX_PORTS, PRICE)).toBeNull();
  });
});

describe('right-sizing: a limit of 0 and no data', () => {
  it('suggests nothing for a limit of 0 that nobody used', () => {
    expect(suggestFor('outbound', 0, 0, PRICE)).toBeNull();
  });
  it('suggests an increase from 0 when ports were in use against a limit of 0 (5 → 10)', () => {
    expect(suggestFor('concurrent', 5, 0, PRICE)).toMatchObject({ kind: 'increase', from: 0, to: 10, monthlyCostCents: 10 * PRICE });
  });
  it('suggests nothing without a sample in 30 days (a null peak is not a peak of 0)', () => {
    expect(suggestFor('concurrent', null, 150, PRICE)).toBeNull();
  });
});

describe('suggestRightSizing: one suggestion per port type the tenant has', () => {
  const limits = { concurrent: 150, outbound: 80, agentless: 40 };
  it('answers the types that call for one, in the order of the given types', () => {
    const suggestions = suggestRightSizing({ concurrent: 149, outbound: 10, agentless: 30 }, limits, ['concurrent', 'outbound', 'agentless'], PRICE);
    expect(suggestions.map((suggestion) => [suggestion.kind, suggestion.type, suggestion.to])).toEqual([
      ['increase', 'concurrent', 190],
      ['decrease', 'outbound', 20],
    ]);
  });
  it('ignores the peaks of port types the tenant does not have', () => {
    expect(suggestRightSizing({ concurrent: 100, outbound: 0, agentless: 0 }, limits, ['concurrent'], PRICE)).toEqual([]);
  });
});
