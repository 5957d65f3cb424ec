import { describe, expect, it } from 'vitest';
import * as usageRoute from '@/app/api/v1/tenants/[id]/usage/route';
import { createApiToken } from '@/lib/auth/api-tokens';
import { storeSamples } from '@/lib/data/usage';
import { DAY_MS, HOUR_MS, MAX_RANGE_DAYS, MINUTE_MS } from '@/lib/domain/usage';
import { runUsageJob } from '@/lib/jobs/usage-job';
import { decideRequest } from '@/lib/requests/decide-request';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema, decisionSchema } from '@/lib/validation/request';
import { type Json, call, installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { expectedSeries, samplesFor } from '../support/usage-samples';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const iso = (at: Date | number) => new Date(at).toISOString();

describe.each(BACKENDS)('GET /api/v1/tenants/{id}/usage (issue 13 §3) on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    ctx.clockControl.set(NOW);
    installAppContext(ctx);
  });

  const get = (tenantId: string, query: string, options: { as?: string | null; authorization?: string } = { as: PERCY }) =>
    call(usageRoute.GET, 'GET', `/api/v1/tenants/${encodeURIComponent(tenantId)}/usage${query ? `?${query}` : ''}`, { ...options, params: { id: tenantId } });

  function expectError(response: { status: number; json: Json | null }, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(response.json!.error.message.length).toBeGreaterThan(10);
  }

  /** Three days of the League's samples, rolled up but for the last five hours, as the job leaves them. */
  async function leagueUsage() {
    const rolled = samplesFor(['league', 'blakeney'], new Date(NOW.getTime() - 5 * HOUR_MS), 67, 11);
    await storeSamples(database.db, rolled);
    await runUsageJob(ctx);
    const fresh = samplesFor(['league', 'blakeney'], NOW, 5, 12);
    // A late sample for an hour already rolled up, and one for a minute that already has one.
    fresh.push({ tenantId: 'league', at: new Date(NOW.getTime() - 30 * HOUR_MS + 7 * MINUTE_MS), concurrent: 499, outbound: 199 });
    fresh.push({ ...rolled[0]!, concurrent: 1 });
    await storeSamples(database.db, fresh);
    return [...rolled, ...fresh];
  }

  it.each(['hour', 'day', 'minute'] as const)('answers the %s peaks: the rolled-up ones and the newest samples together', async (bucket) => {
    const samples = await leagueUsage();
    const from = new Date(NOW.getTime() - (bucket === 'minute' ? 1 : 3) * DAY_MS);
    const response = await get('league', `from=${iso(from)}&to=${iso(NOW)}&bucket=${bucket}`);
    expect(response.status).toBe(200);
    // Whole buckets: the day of `from` from its start, and today to its end.
    const fromBucket = bucket === 'day' ? new Date('2026-11-23T00:00:00Z') : from;
    const toBucket = bucket === 'day' ? new Date('2026-11-27T00:00:00Z') : NOW;
    expect(response.json).toMatchObject({ tenantId: 'league', bucket, from: iso(fromBucket), to: iso(toBucket) });
    const expected = expectedSeries(samples, 'league', bucket, fromBucket, toBucket);
    expect(expected.length).toBeGreaterThan(bucket === 'day' ? 2 : 20);
    expect(response.json!.series).toEqual(expected);
  });

  it('answers whole buckets: a range inside a day is that day’s peak, a range inside an hour that hour’s', async () => {
    const samples = await leagueUsage();
    const day = await get('league', 'from=2026-11-25T13:20:00Z&to=2026-11-25T13:40:00Z&bucket=day');
    expect(day.json).toMatchObject({ from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' });
    expect(day.json!.series).toEqual(expectedSeries(samples, 'league', 'day', new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z')));
    const hour = await get('league', 'from=2026-11-25T13:20:00%2B01:00&to=2026-11-25T13:40:00%2B01:00&bucket=hour');
    expect(hour.json).toMatchObject({ from: '2026-11-25T12:00:00.000Z', to: '2026-11-25T13:00:00.000Z' });
    expect(hour.json!.series).toHaveLength(1);
  });

  it('defaults to hourly peaks of the last 30 days', async () => {
    await leagueUsage();
    const response = await get('league', '');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ bucket: 'hour', from: iso(NOW.getTime() - 30 * DAY_MS), to: iso(NOW) });
    expect(response.json!.series.length).toBe(72);
    expect(response.json!.limits).toEqual([{ from: iso(NOW.getTime() - 30 * DAY_MS), concurrent: 150, outbound: 80, agentless: 40 }]);
  });

  it('shows outbound and agentless as null, in the series and the limits, for a tenant without Personal Connection', async () => {
    await leagueUsage();
    const response = await get('blakeney', `from=${iso(NOW.getTime() - DAY_MS)}`);
    expect(response.status).toBe(200);
    expect(response.json!.series.length).toBeGreaterThan(20);
    for (const point of response.json!.series) expect(point).toMatchObject({ concurrent: expect.any(Number), outbound: null, agentless: null });
    expect(response.json!.limits).toEqual([{ from: iso(NOW.getTime() - DAY_MS), concurrent: 50, outbound: null, agentless: null }]);
  });

  it('steps the limits where an approved request changed them and where a reverted one restored them', async () => {
    const percy = await ctx.callerFor(PERCY);
    const submit = (body: Record<string, unknown>) => submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', reason: 'Membership drive', ...body }));
    // Within the threshold: approved at once, for two days.
    ctx.clockControl.set('2026-11-20T09:00:00Z');
    await submit({ changes: { concurrent: 200 }, revertAt: '2026-11-22T09:00:00Z' });
    ctx.clockControl.set('2026-11-22T09:05:00Z');
    expect(await revertTemporaryChanges(ctx)).toMatchObject({ reverted: 1 });
    // Beyond the threshold: decided by a rep.
    ctx.clockControl.set('2026-11-24T08:00:00Z');
    const large = await submit({ changes: { concurrent: 400, outbound: 120 }, justification: 'The drive doubles the calls.' });
    ctx.clockControl.set('2026-11-24T11:30:00Z');
    await decideRequest(ctx, await ctx.callerFor(REP), large.id, decisionSchema.parse({ decision: 'approve' }));
    // Rejected and open requests change nothing.
    ctx.clockControl.set('2026-11-25T08:00:00Z');
    await submit({ changes: { concurrent: 900 }, justification: 'Even more.' });
    ctx.clockControl.set(NOW);

    const response = await get('league', 'from=2026-11-19T00:00:00Z&bucket=day');
    expect(response.status).toBe(200);
    expect(response.json!.limits).toEqual([
      { from: '2026-11-19T00:00:00.000Z', concurrent: 150, outbound: 80, agentless: 40 },
      { from: '2026-11-20T09:00:00.000Z', concurrent: 200, outbound: 80, agentless: 40 },
      { from: '2026-11-22T09:05:00.000Z', concurrent: 150, outbound: 80, agentless: 40 },
      { from: '2026-11-24T11:30:00.000Z', concurrent: 400, outbound: 120, agentless: 40 },
    ]);
    // A window that starts while the temporary change was in force starts at its limits, and ends at `to`.
    const inside = await get('league', 'from=2026-11-21T00:00:00Z&to=2026-11-23T00:00:00Z&bucket=hour');
    expect(inside.json!.limits).toEqual([
      { from: '2026-11-21T00:00:00.000Z', concurrent: 200, outbound: 80, agentless: 40 },
      { from: '2026-11-22T09:05:00.000Z', concurrent: 150, outbound: 80, agentless: 40 },
    ]);
  });

  it('answers a personal API token as it answers the session', async () => {
    await leagueUsage();
    const { token } = await createApiToken(ctx, await ctx.callerFor(PERCY), { name: 'charts', expiresInDays: 30 });
    const byToken = await get('league', 'bucket=day', { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(200);
    expect(byToken.json).toEqual((await get('league', 'bucket=day')).json);
  });

  it.each([
    ['a viewer of the partner', MARGUERITE, 'league', 200],
    ['an Account Representative', REP, 'gascony', 200],
    ['another partner’s user', ATHOS, 'league', 404],
    ['a partner user, for its partner’s sibling tree', PERCY, 'gascony', 404],
    ['anyone, for a tenant that does not exist', PERCY, 'atlantis', 404],
    ['anyone, for a tenant id no tenant can have', REP, 'x'.repeat(201), 404],
  ])('scopes the tenant as the rest of the API: %s (%s, asking for %s) gets %i', async (_who, email, tenantId, status) => {
    const response = await get(tenantId, '', { as: email });
    if (status === 404) expectError(response, 404, 'not_found');
    else expect(response.status).toBe(200);
  });

  it('answers the same 404 for a tenant outside the scope as for one that does not exist', async () => {
    const outside = await get('league', '', { as: ATHOS });
    const missing = await get('atlantis', '', { as: ATHOS });
    expect(outside).toEqual({ ...missing, headers: outside.headers });
  });

  it('refuses a user who may not see ports (403 forbidden)', async () => {
    expectError(await get('league', '', { as: NETOPS }), 403, 'forbidden');
  });

  it('answers 401 unauthenticated without a session or token, and to a forged token', async () => {
    expectError(await get('league', '', { as: null }), 401, 'unauthenticated');
    expectError(await get('league', '', { authorization: 'Bearer sspm_forged' }), 401, 'unauthenticated');
  });

  it.each([
    ['an unknown bucket', 'bucket=week', 400, 'invalid_input', ['bucket']],
    ['a day instead of an instant', 'from=2026-11-20', 400, 'invalid_input', ['from']],
    ['an instant without its offset', 'to=2026-11-20T10:00:00', 400, 'invalid_input', ['to']],
    ['a year PostgreSQL does not have', 'from=0000-01-01T00:00:00Z&bucket=day', 400, 'invalid_input', ['from']],
  ])('answers 400 to %s, naming the parameter', async (_what, query, status, code, path) => {
    const response = await get('league', query);
    expectError(response, status, code);
    expect(response.json!.error.issues).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 400 invalid_range when from is not before to', async () => {
    expectError(await get('league', 'from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z'), 400, 'invalid_range');
    expectError(await get('league', 'from=2026-11-20T00:00:00Z&to=2026-11-20T00:00:00Z'), 400, 'invalid_range');
    // A start after now, without an end (which is now).
    expectError(await get('league', 'from=2026-12-01T00:00:00Z'), 400, 'invalid_range');
  });

  it.each(['minute', 'hour', 'day'] as const)('answers 400 range_too_long to a series of %s buckets longer than its maximum, and takes one exactly that long', async (bucket) => {
    const days = MAX_RANGE_DAYS[bucket];
    const tooLong = await get('league', `from=${iso(NOW.getTime() - days * DAY_MS - MINUTE_MS)}&to=${iso(NOW)}&bucket=${bucket}`);
    expectError(tooLong, 400, 'range_too_long');
    expect(tooLong.json!.error.message).toContain(String(days));
    expect((await get('league', `from=${iso(NOW.getTime() - days * DAY_MS)}&to=${iso(NOW)}&bucket=${bucket}`)).status).toBe(200);
  });

  it('checks the scope before the range: a bad range for another partner’s tenant is still 404', async () => {
    expectError(await get('league', 'from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z', { as: ATHOS }), 404, 'not_found');
  });
});
