import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '@/lib/domain/usage';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  bandPath,
  chartScales,
  dayTicks,
  limitPath,
  linearScale,
  markerRows,
  niceAxis,
  percentAcross,
  stepPaths,
  utilisationBands,
} from '@/lib/usage/chart-geometry';
import { decreaseBelowPeak, peaksWindowStart, wholePercent } from '@/lib/usage/recent-peaks';
import { dailyPeaks, highestPoint, limitAt, localDay, localDays, peakSince } from '@/lib/usage/usage-series';
import { newRequestHref, parseRequestPrefill } from '@/lib/validation/request-prefill';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

describe('chart scales', () => {
  it('maps a domain onto a range linearly, to a tenth of a unit, upside down for values', () => {
    const x = linearScale([0, 200], [0, 1000]);
    expect([x(0), x(100), x(200), x(1)]).toEqual([0, 500, 1000, 5]);
    const y = linearScale([0, 300], [CHART_HEIGHT, 0]);
    expect([y(0), y(150), y(300), y(100)]).toEqual([240, 120, 0, 160]);
  });
  it('clamps what falls outside the domain to the edge of the plot', () => {
    const x = linearScale([0, 100], [0, 1000]);
    expect([x(-5), x(105)]).toEqual([0, 1000]);
  });
  it('maps an empty domain to the start of the range instead of dividing by zero', () => {
    expect(linearScale([5, 5], [0, 1000])(5)).toBe(0);
  });
  it('spans a chart: time across its width, ports up its height', () => {
    const { x, y } = chartScales({ from: 0, to: 30 * 24 * HOUR_MS }, 200);
    expect([x(0), x(15 * 24 * HOUR_MS), x(30 * 24 * HOUR_MS)]).toEqual([0, CHART_WIDTH / 2, CHART_WIDTH]);
    expect([y(0), y(200)]).toEqual([CHART_HEIGHT, 0]);
  });
});

describe('niceAxis: 0 to a round number of ports, in steps of 1, 2 or 5 × 10ⁿ', () => {
  it.each([
    [165, 200, 50],
    [150, 150, 50],
    [44, 60, 20],
    [9, 10, 5],
    [3, 3, 1],
    [2200, 3000, 1000],
  ])('a maximum of %d → axis to %d by %d', (max, top, step) => {
    const axis = niceAxis(max);
    expect({ max: axis.max, step: axis.step }).toEqual({ max: top, step });
    expect(axis.ticks[0]).toBe(0);
    expect(axis.ticks.at(-1)).toBe(top);
    expect(axis.ticks.every((tick, i) => i === 0 || tick - axis.ticks[i - 1]! === step)).toBe(true);
  });
  it('spans at least one port when nothing was used and the limit is 0', () => {
    expect(niceAxis(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });
  it('never steps by a fraction of a port', () => {
    expect(niceAxis(1.1).step).toBe(1);
  });
});

describe('stepPaths: hourly peaks held across their hour, broken where an hour has no sample', () => {
  const x = linearScale([0, 10 * HOUR_MS], [0, 1000]);
  const y = linearScale([0, 100], [100, 0]);
  it('draws consecutive hours as one run of steps, with its area closed on the baseline', () => {
    const paths = stepPaths(
      [
        { start: 0, value: 10 },
        { start: HOUR_MS, value: 50 },
      ],
      HOUR_MS,
      x,
      y,
    );
    expect(paths.line).toBe('M0,90H100V50H200');
    expect(paths.area).toBe('M0,100V90H100V50H200V100Z');
  });
  it('starts a new run after a missing hour: no data is not zero', () => {
    const paths = stepPaths(
      [
        { start: 0, value: 10 },
        { start: 3 * HOUR_MS, value: 20 },
      ],
      HOUR_MS,
      x,
      y,
    );
    expect(paths.line).toBe('M0,90H100M300,80H400');
    expect(paths.area).toBe('M0,100V90H100V100ZM300,100V80H400V100Z');
  });
  it('draws nothing for no points', () => {
    expect(stepPaths([], HOUR_MS, x, y)).toEqual({ line: '', area: '' });
  });
});

describe('limitPath and the bands: the limit as it was at each moment', () => {
  const x = linearScale([0, 100], [0, 1000]);
  const y = linearScale([0, 200], [200, 0]);
  const steps = [
    { from: 0, value: 100 },
    { from: 40, value: 150 },
  ];
  it('is flat while a limit is in force and upright where a request changed it, to the end of the domain', () => {
    expect(limitPath(steps, 100, x, y)).toBe('M0,100H400V50H1000');
    expect(limitPath([], 100, x, y)).toBe('');
  });
  it('draws the 80–95 % and 95–100 % bands of each step in force', () => {
    const bands = utilisationBands(steps, 100, x, y);
    expect(bands.amber).toBe('M0,105H400V120H0ZM400,57.5H1000V80H400Z');
    expect(bands.red).toBe('M0,100H400V105H0ZM400,50H1000V57.5H400Z');
  });
  it('has no band while the limit is 0', () => {
    expect(bandPath([{ from: 0, value: 0 }, { from: 50, value: 100 }], 100, x, y, 80, 95)).toBe('M500,105H1000V120H500Z');
  });
});

describe('markers across the plot', () => {
  it('places an instant in percent of the width, clamped to the plot', () => {
    const domain = { from: 0, to: 200 };
    expect([percentAcross(50, domain), percentAcross(-1, domain), percentAcross(400, domain)]).toEqual([25, 0, 100]);
  });
  it('puts markers closer than the gap on separate rows, reusing a row as soon as there is room', () => {
    expect(markerRows([10, 12, 30, 15, 25], 10)).toEqual([0, 1, 1, 2, 0]);
    expect(markerRows([], 10)).toEqual([]);
  });
});

describe('dayTicks: midnights of the reader\'s time zone, counted back from the latest', () => {
  const domain = { from: ms('2026-10-28T00:00:00Z'), to: ms('2026-11-26T11:00:00Z') };
  it('names UTC midnights for a UTC reader, the latest day included, at most six', () => {
    const ticks = dayTicks(domain, 'UTC');
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.at(-1)).toEqual(at('2026-11-26T00:00:00Z'));
    expect(ticks.every((tick) => tick.getUTCHours() === 0 && tick.getUTCMinutes() === 0)).toBe(true);
  });
  it('names São Paulo midnights (03:00 UTC) for a reader there', () => {
    const ticks = dayTicks(domain, 'America/Sao_Paulo');
    expect(ticks.at(-1)).toEqual(at('2026-11-26T03:00:00Z'));
    expect(ticks.every((tick) => tick.getUTCHours() === 3)).toBe(true);
  });
  it('keeps the spacing even', () => {
    const ticks = dayTicks(domain, 'UTC').map((tick) => tick.getTime());
    const gaps = new Set(ticks.slice(1).map((tick, i) => tick - ticks[i]!));
    expect(gaps.size).toBe(1);
  });
});

describe('the series of the tenant page', () => {
  const steps = [
    { from: at('2026-11-20T00:00:00Z'), limit: 100 },
    { from: at('2026-11-22T12:00:00Z'), limit: 150 },
  ];
  it('limitAt: the limit in force at a moment, the first step before it began', () => {
    expect(limitAt(steps, at('2026-11-19T00:00:00Z'))).toBe(100);
    expect(limitAt(steps, at('2026-11-22T11:59:59Z'))).toBe(100);
    expect(limitAt(steps, at('2026-11-22T12:00:00Z'))).toBe(150);
    expect(limitAt([], at('2026-11-22T12:00:00Z'))).toBe(0);
  });
  it('highestPoint and peakSince: the first of equal highs; null without a sample', () => {
    const points = [
      { start: at('2026-11-20T10:00:00Z'), peak: 90 },
      { start: at('2026-11-21T10:00:00Z'), peak: 90 },
      { start: at('2026-11-22T10:00:00Z'), peak: 40 },
    ];
    expect(highestPoint(points)).toBe(points[0]);
    expect(highestPoint([])).toBeNull();
    expect(peakSince(points, at('2026-11-22T00:00:00Z'))).toBe(40);
    expect(peakSince(points, at('2026-11-23T00:00:00Z'))).toBeNull();
  });
  it('localDay and localDays: the reader\'s calendar, not UTC\'s', () => {
    expect(localDay(at('2026-11-21T02:00:00Z'), 'UTC')).toBe('2026-11-21');
    expect(localDay(at('2026-11-21T02:00:00Z'), 'America/Sao_Paulo')).toBe('2026-11-20');
    expect(localDays(at('2026-11-20T00:00:00Z'), at('2026-11-21T10:00:00Z'), 'America/Sao_Paulo')).toEqual([
      { day: '2026-11-19', start: at('2026-11-19T03:00:00Z') },
      { day: '2026-11-20', start: at('2026-11-20T03:00:00Z') },
      { day: '2026-11-21', start: at('2026-11-21T03:00:00Z') },
    ]);
  });
  it('dailyPeaks: each day\'s peak against the limit in force at the hour of that peak, else at the day\'s end', () => {
    const points = [
      { start: at('2026-11-22T09:00:00Z'), peak: 98 },
      { start: at('2026-11-22T15:00:00Z'), peak: 120 },
      { start: at('2026-11-20T10:00:00Z'), peak: 40 },
    ];
    const days = dailyPeaks(points, steps, at('2026-11-20T00:00:00Z'), at('2026-11-22T18:00:00Z'), 'UTC');
    expect(days).toEqual([
      { day: '2026-11-20', peak: 40, limit: 100, percent: 40, band: 'green' },
      { day: '2026-11-21', peak: null, limit: 100, percent: null, band: null },
      { day: '2026-11-22', peak: 120, limit: 150, percent: 80, band: 'amber' },
    ]);
  });
});

describe('the pictures\' windows and numbers', () => {
  it('a window of 7 days starts at the UTC midnight 6 days before today', () => {
    expect(peaksWindowStart(at('2026-11-26T10:00:00Z'), 7)).toEqual(at('2026-11-20T00:00:00Z'));
    expect(peaksWindowStart(at('2026-11-26T00:00:00Z'), 30)).toEqual(at('2026-10-28T00:00:00Z'));
  });
  it('writes a percentage rounded down, so that the number never reads as a band the bar is not in', () => {
    expect([wholePercent(94.9), wholePercent(95), wholePercent(79.99), wholePercent(0.4)]).toEqual([94, 95, 79, 0]);
  });
  it('warns of a decrease below the 30-day peak, and of nothing else', () => {
    expect(decreaseBelowPeak(140, 150, 149)).toBe(true);
    expect(decreaseBelowPeak(149, 150, 149)).toBe(false);
    expect(decreaseBelowPeak(160, 150, 170)).toBe(false);
    expect(decreaseBelowPeak(100, 150, null)).toBe(false);
    expect(decreaseBelowPeak(undefined, 150, 149)).toBe(false);
    expect(decreaseBelowPeak(12.5, 150, 149)).toBe(false);
  });
});

describe('the new-request form\'s pre-filled limits', () => {
  const all = ['concurrent', 'outbound', 'agentless'] as const;
  it('reads whole numbers from 0 to 9999 of the port types the tenant has', () => {
    expect(parseRequestPrefill({ tenant: 'league', concurrent: '190', outbound: '0' }, all)).toEqual({ limits: { concurrent: 190, outbound: 0 }, ignored: [] });
  });
  it('leaves out and names what it cannot use: not digits, too large, repeated, or a port type the tenant lacks', () => {
    expect(parseRequestPrefill({ concurrent: '1e3', outbound: '10000', agentless: ['1', '2'] }, all)).toEqual({ limits: {}, ignored: ['concurrent', 'outbound', 'agentless'] });
    expect(parseRequestPrefill({ concurrent: '-5' }, all)).toEqual({ limits: {}, ignored: ['concurrent'] });
    expect(parseRequestPrefill({ concurrent: '40', outbound: '5' }, ['concurrent'])).toEqual({ limits: { concurrent: 40 }, ignored: ['outbound'] });
  });
  it('writes the form\'s address with the tenant and the given limits', () => {
    expect(newRequestHref('league', { concurrent: 190 })).toBe('/requests/new?tenant=league&concurrent=190');
    expect(newRequestHref('a b&c')).toBe('/requests/new?tenant=a+b%26c');
  });
});
