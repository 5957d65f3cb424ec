import { describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { getThresholdOverview, updateGlobalSettings, updateTenantThreshold } from '@/lib/admin/thresholds';
import { AppError } from '@/lib/domain/errors';
import { submitRequest } from '@/lib/requests/submit-request';
import { getThresholdStatus } from '@/lib/requests/threshold-status';
import { createRequestSchema } from '@/lib/validation/request';
import { globalSettingsSchema, tenantThresholdSchema } from '@/lib/validation/thresholds';
import { NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

describe.each(BACKENDS)('Network Operations thresholds on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  const submit = async (tenantId: string, concurrent: number) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Drive' }));

  it.each([PERCY, REP])('lets only Network Operations see or set thresholds (%s: forbidden)', async (email) => {
    const caller = await ctx.callerFor(email);
    for (const attempt of [
      getThresholdOverview(ctx, caller),
      updateGlobalSettings(ctx, caller, { dailyThreshold: 5, portPriceCents: 0 }),
      updateTenantThreshold(ctx, caller, { tenantId: 'league', dailyThreshold: 5 }),
    ]) {
      const error = await attempt.then(() => null, (caught: unknown) => caught);
      expect((error as AppError).code).toBe('forbidden');
    }
    expect(await database.db.select().from(auditEvents)).toEqual([]);
  });

  it('routes by the new global threshold at once, and audits the change', async () => {
    await updateGlobalSettings(ctx, await ctx.callerFor(NETOPS), { dailyThreshold: 20, portPriceCents: 1250 });
    expect((await submit('league', 170)).status).toBe('approved');
    expect((await submit('classics', 221)).status).toBe('pending_info');
    const [event] = await database.db.select().from(auditEvents);
    expect(event).toMatchObject({ actor: NETOPS, action: 'settings_changed', details: { before: { dailyThreshold: 100 }, after: { dailyThreshold: 20, portPriceCents: 1250 } } });
    expect(await getThresholdStatus(ctx, await ctx.callerFor(PERCY), 'league')).toEqual({
      threshold: 20,
      usedToday: 20,
      remaining: 0,
      portPriceCents: 1250,
    });
  });

  it('lets a per-tenant override win over the global threshold, and an empty override restore it', async () => {
    const netops = await ctx.callerFor(NETOPS);
    await updateTenantThreshold(ctx, netops, { tenantId: 'league', dailyThreshold: 0 });
    expect((await submit('league', 151)).status).toBe('pending_info');
    expect((await submit('blakeney', 100)).status).toBe('approved');

    await updateTenantThreshold(ctx, netops, { tenantId: 'classics', dailyThreshold: 300 });
    expect((await submit('classics', 450)).status).toBe('approved');
    await updateTenantThreshold(ctx, netops, { tenantId: 'classics', dailyThreshold: null });
    const overview = await getThresholdOverview(ctx, netops);
    expect(overview.tenants.find((tenant) => tenant.id === 'classics')).toMatchObject({ override: null, threshold: 100, usedToday: 250, remaining: 0 });
    expect(overview.tenants.find((tenant) => tenant.id === 'league')).toMatchObject({ override: 0, threshold: 0, usedToday: 0 });
    expect(overview.tenants.find((tenant) => tenant.id === 'blakeney')).toMatchObject({ threshold: 100, usedToday: 50, remaining: 50 });
  });

  it('stores a price typed in currency units (12,50 or 12.50) as cents, and the request form prices changes with it', async () => {
    const netops = await ctx.callerFor(NETOPS);
    // The demo seeds a price, so that the cost shows; Network Operations replace it.
    expect((await getThresholdOverview(ctx, netops)).portPriceCents).toBe(1250);
    await updateGlobalSettings(ctx, netops, globalSettingsSchema.parse({ dailyThreshold: '100', portPrice: '19,99' }));
    expect(await getThresholdOverview(ctx, netops)).toMatchObject({ dailyThreshold: 100, portPriceCents: 1999 });
    expect((await getThresholdStatus(ctx, await ctx.callerFor(PERCY), 'league')).portPriceCents).toBe(1999);
    await updateGlobalSettings(ctx, netops, globalSettingsSchema.parse({ dailyThreshold: '100', portPrice: '0.5' }));
    expect((await getThresholdOverview(ctx, netops)).portPriceCents).toBe(50);
    const events = await database.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(events.at(-1)).toMatchObject({ action: 'settings_changed', details: { before: { portPriceCents: 1999 }, after: { portPriceCents: 50 } } });
  });

  it('answers not_found for an unknown tenant', async () => {
    const error = await updateTenantThreshold(ctx, await ctx.callerFor(NETOPS), { tenantId: 'atlantis', dailyThreshold: 1 }).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('not_found');
  });
});

describe('threshold settings input', () => {
  it.each([
    [{ dailyThreshold: '-1', portPrice: '0' }, false],
    [{ dailyThreshold: '10000', portPrice: '0' }, false],
    [{ dailyThreshold: '1.5', portPrice: '0' }, false],
    [{ dailyThreshold: '0', portPrice: '12.505' }, false],
    [{ dailyThreshold: '100', portPrice: '25.00' }, true],
  ])('accepts only whole, non-negative thresholds in range and prices of at most two decimals (%j → %s)', (input, accepted) => {
    expect(globalSettingsSchema.safeParse(input).success).toBe(accepted);
  });

  it('reads an empty override as "use the global threshold"', () => {
    expect(tenantThresholdSchema.parse({ tenantId: 'league', dailyThreshold: '' })).toEqual({ tenantId: 'league', dailyThreshold: null });
    expect(tenantThresholdSchema.parse({ tenantId: 'league', dailyThreshold: '0' })).toEqual({ tenantId: 'league', dailyThreshold: 0 });
  });
});
