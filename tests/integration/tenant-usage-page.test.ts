import { describe, expect, it } from 'vitest';
import { usageMinutes, usagePeaks } from '@/db/schema';
import { getSettings } from '@/lib/data/settings';
import { readPeaksSince, rollUpUsage, storeSamples } from '@/lib/data/usage';
import type { UsageSample } from '@/lib/domain/usage';
import { submitRequest } from '@/lib/requests/submit-request';
import { listTenantTable } from '@/lib/requests/tenant-table';
import { RECENT_PEAK_DAYS, RIGHT_SIZING_DAYS, peaksWindowStart } from '@/lib/usage/recent-peaks';
import { getRecentPeaks, getTenantUsageView } from '@/lib/usage/tenant-usage-view';
import { createRequestSchema } from '@/lib/validation/request';
import { tenantTableQuerySchema } from '@/lib/validation/tenant-table';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const HOUR = 3_600_000;
const NOW = '2026-11-26T10:00:00.000Z';
const UTC = { timeZone: 'UTC' };
const at = (iso: string) => new Date(iso);

/**
 * The League: a sample at a quarter past every hour of the 30-day window (concurrent 80–103,
 * outbound 5–10, agentless 20–30), and one spike of 148 concurrent ports yesterday afternoon.
 * Blakeney: 21 of its 50 concurrent ports at most.
 */
function leagueSamples(): UsageSample[] {
  const samples: UsageSample[] = [];
  for (let t = Date.parse('2026-10-28T00:15:00Z'), i = 0; t < Date.parse(NOW); t += HOUR, i += 1) {
    samples.push({ tenantId: 'league', at: new Date(t), concurrent: 80 + (i % 24), outbound: 5 + (i % 6), agentless: 20 + (i % 11) });
  }
  samples.push({ tenantId: 'league', at: at('2026-11-25T14:45:00Z'), concurrent: 148, outbound: 6, agentless: 21 });
  return samples;
}

const blakeneySamples = (): UsageSample[] =>
  Array.from({ length: 48 }, (_, i) => ({ tenantId: 'blakeney', at: new Date(Date.parse('2026-11-20T00:30:00Z') + i * HOUR), concurrent: 10 + (i % 12) }));

// Issue 13 §4 and §6: the tenant page's reads, scoped like every other read.
describe.each(BACKENDS)('the tenant usage page on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    // Whatever usage the demo seed brings, these tests start from their own samples.
    await database.db.delete(usageMinutes);
    await database.db.delete(usagePeaks);
    const league = leagueSamples();
    // Part rolled up into hourly and daily peaks, part not yet: the page reads both.
    const older = league.filter((sample) => sample.at < at('2026-11-15T00:00:00Z'));
    await storeSamples(database.db, older);
    await rollUpUsage(database.db, 10_000);
    await storeSamples(database.db, [...league.filter((sample) => !older.includes(sample)), ...blakeneySamples()]);
    ctx.clockControl.set(NOW);
  });

  const view = async (email: string, tenantId: string) => getTenantUsageView(ctx, await ctx.callerFor(email), tenantId, UTC);

  /** An increase of 5 concurrent ports, approved at once (within the daily threshold), ten days ago. */
  async function raiseLeagueTenDaysAgo() {
    ctx.clockControl.set('2026-11-16T10:00:00.000Z');
    const request = await submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 155 }, reason: 'Membership drive' }));
    expect(request.status).toBe('approved');
    ctx.clockControl.set(NOW);
    return request;
  }

  it('answers not found for a tenant outside the caller\'s scope, as for an unknown one, and forbidden without the ports permission', async () => {
    await expect(view(ATHOS, 'league')).rejects.toMatchObject({ code: 'not_found' });
    await expect(view(PERCY, 'no-such-tenant')).rejects.toMatchObject({ code: 'not_found' });
    await expect(view(NETOPS, 'league')).rejects.toMatchObject({ code: 'forbidden' });
    // The form's peaks read nothing of a tenant outside the scope.
    expect(await getRecentPeaks(ctx, await ctx.callerFor(ATHOS), 'league')).toEqual({
      week: { concurrent: null, outbound: null, agentless: null },
      month: { concurrent: null, outbound: null, agentless: null },
    });
  });

  it('draws 30 days of hourly peaks per port type the tenant has, from rolled-up and fresh samples alike', async () => {
    const league = await view(PERCY, 'league');
    expect(league.window).toEqual({ from: '2026-10-28T00:00:00.000Z', to: '2026-11-26T11:00:00.000Z', now: NOW });
    expect(league.ports.map((port) => port.type)).toEqual(['concurrent', 'outbound', 'agentless']);
    const concurrent = league.ports[0]!;
    expect(concurrent.series).toHaveLength(29 * 24 + 10);
    expect(concurrent.series[0]).toEqual({ start: '2026-10-28T00:00:00.000Z', peak: 80 });
    expect(concurrent.series.find((point) => point.start === '2026-11-25T14:00:00.000Z')!.peak).toBe(148);
    expect(concurrent.highest).toEqual({ start: '2026-11-25T14:00:00.000Z', peak: 148, limit: 150, percent: (148 / 150) * 100 });
    expect(concurrent.days).toHaveLength(30);
    expect(concurrent.days.at(-2)).toMatchObject({ day: '2026-11-25', peak: 148, limit: 150, band: 'red' });
    // Blakeney has no Personal Connection: one chart.
    expect((await view(PERCY, 'blakeney')).ports.map((port) => port.type)).toEqual(['concurrent']);
  });

  it('measures the last 24 hours, 7 and 30 days exactly as the dashboard and the form read them', async () => {
    const caller = await ctx.callerFor(PERCY);
    const league = await view(PERCY, 'league');
    const since = (days: number) => readPeaksSince(ctx.db, caller.scope, peaksWindowStart(ctx.clock(), days), ['league']);
    const [week, month] = [(await since(RECENT_PEAK_DAYS)).get('league')!, (await since(RIGHT_SIZING_DAYS)).get('league')!];
    for (const port of league.ports) {
      expect({ type: port.type, week: port.lastWeek.peak, month: port.lastMonth.peak }).toEqual({ type: port.type, week: week[port.type], month: month[port.type] });
    }
    expect(await getRecentPeaks(ctx, caller, 'league')).toEqual({ week, month });
    expect(league.ports[0]!.lastDay).toMatchObject({ peak: 148, limit: 150, band: 'red' });
    expect(month).toEqual({ concurrent: 148, outbound: 10, agentless: 30 });
  });

  it('draws the limit as it was at each moment, and marks the request that moved it, with a link target', async () => {
    const request = await raiseLeagueTenDaysAgo();
    const concurrent = (await view(PERCY, 'league')).ports[0]!;
    expect(concurrent.limits).toEqual([
      { from: '2026-10-28T00:00:00.000Z', limit: 150 },
      { from: '2026-11-16T10:00:00.000Z', limit: 155 },
    ]);
    expect(concurrent.markers).toEqual([{ requestId: request.id, at: '2026-11-16T10:00:00.000Z', direction: 'applied', from: 150, to: 155 }]);
    // The days before the change are measured against 150, the spike against 155.
    expect(concurrent.days[0]).toMatchObject({ limit: 150 });
    expect(concurrent.days.at(-2)).toMatchObject({ peak: 148, limit: 155 });
    // Outbound did not change: no step and no marker on its chart.
    const outbound = (await view(PERCY, 'league')).ports[1]!;
    expect(outbound.limits).toEqual([{ from: '2026-10-28T00:00:00.000Z', limit: 80 }]);
    expect(outbound.markers).toEqual([]);
  });

  it('alerts at the highest level the last 24 hours reached (95 % for 148 of 155) and suggests an increase and a decrease', async () => {
    await raiseLeagueTenDaysAgo();
    const league = await view(PERCY, 'league');
    expect(league.alerts).toEqual([{ type: 'concurrent', level: 95, peak: 148, limit: 155, percent: (148 / 155) * 100 }]);
    const price = (await getSettings(ctx.db)).portPriceCents;
    expect(league.portPriceCents).toBe(price);
    expect(league.suggestions).toEqual([
      // 148 at 80 % of the new limit: 185, rounded up to 190.
      { kind: 'increase', type: 'concurrent', peak: 148, from: 155, to: 190, monthlyCostCents: 35 * price, href: '/requests/new?tenant=league&concurrent=190' },
      // 10 × 1.2 = 12, rounded up to 20; outbound ports are not priced.
      { kind: 'decrease', type: 'outbound', peak: 10, from: 80, to: 20, monthlySavingCents: 0, href: '/requests/new?tenant=league&outbound=20' },
    ]);
    expect(league.mayRequest).toBe(true);
    expect(league.requests.items).toHaveLength(1);
  });

  it('alerts at 100 % when the peak reached the limit, and not at all below 80 %', async () => {
    await storeSamples(ctx.db, [{ tenantId: 'league', at: at('2026-11-26T09:40:00Z'), concurrent: 150 }]);
    expect((await view(PERCY, 'league')).alerts).toMatchObject([{ type: 'concurrent', level: 100, peak: 150 }]);
    expect((await view(PERCY, 'blakeney')).alerts).toEqual([]);
  });

  it('suggests Blakeney a decrease to 30 with its monthly saving at the port price', async () => {
    const blakeney = await view(REP, 'blakeney');
    const price = (await getSettings(ctx.db)).portPriceCents;
    expect(price).toBeGreaterThan(0);
    expect(blakeney.suggestions).toEqual([
      { kind: 'decrease', type: 'concurrent', peak: 21, from: 50, to: 30, monthlySavingCents: 20 * price, href: '/requests/new?tenant=blakeney&concurrent=30' },
    ]);
  });

  it('lets a viewer read it all, but not be offered the form', async () => {
    const league = await view(MARGUERITE, 'league');
    expect(league.mayRequest).toBe(false);
    expect(league.suggestions.length).toBeGreaterThan(0);
  });

  it('lists the tenant\'s requests, newest first, and only this tenant\'s', async () => {
    const raise = await raiseLeagueTenDaysAgo();
    const percy = await ctx.callerFor(PERCY);
    const lower = await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { outbound: 20 }, reason: 'Right-sizing' }));
    await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'blakeney', changes: { concurrent: 45 }, reason: 'Quieter months' }));
    const league = await view(PERCY, 'league');
    expect(league.requests.items.map((request) => request.id)).toEqual([lower.id, raise.id]);
    expect(league.requests.total).toBe(2);
  });

  it('shows the dashboard\'s bars: each tenant\'s 7-day peak against each limit it has, "no data" where none came', async () => {
    const table = await listTenantTable(ctx, await ctx.callerFor(PERCY), tenantTableQuerySchema.parse({}));
    const row = (id: string) => table.rows.find((entry) => entry.id === id)!.utilisation;
    expect(row('league')).toEqual([
      { type: 'concurrent', peak: 148, limit: 150, percent: (148 / 150) * 100, band: 'red' },
      { type: 'outbound', peak: 10, limit: 80, percent: 12.5, band: 'green' },
      { type: 'agentless', peak: 30, limit: 40, percent: 75, band: 'green' },
    ]);
    expect(row('blakeney')).toEqual([{ type: 'concurrent', peak: 21, limit: 50, percent: 42, band: 'green' }]);
    expect(row('classics').map((entry) => [entry.type, entry.peak, entry.band])).toEqual([
      ['concurrent', null, null],
      ['outbound', null, null],
      ['agentless', null, null],
    ]);
  });
});
