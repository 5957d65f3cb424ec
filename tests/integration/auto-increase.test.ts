import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as autoIncreaseRoute from '@/app/api/v1/tenants/[id]/auto-increase/route';
import { auditEvents, changeRequests, localCases, notifications, tenants, users } from '@/db/schema';
import { storeSamples } from '@/lib/data/usage';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { getRequestDetail } from '@/lib/requests/read-requests';
import { submitRequest } from '@/lib/requests/submit-request';
import { raiseAutomatically } from '@/lib/usage/auto-increase';
import { getAutoIncrease, turnOffAutoIncrease, turnOnAutoIncrease } from '@/lib/usage/auto-increase-switch';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe.each(BACKENDS)('automatic increase on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  /** The platform reports the tenant's concurrent peak of the minute ending now (or `minutesAgo`). */
  const sample = (tenantId: string, concurrent: number, minutesAgo = 0) =>
    storeSamples(database.db, [{ tenantId, at: new Date(ctx.clock().getTime() - minutesAgo * MINUTE), concurrent }]);

  const turnOn = async (email = PERCY, tenantId = 'league') => turnOnAutoIncrease(ctx, await ctx.callerFor(email), tenantId);
  const turnOff = async (email = PERCY, tenantId = 'league') => turnOffAutoIncrease(ctx, await ctx.callerFor(email), tenantId);

  const concurrentOf = async (tenantId = 'league') => {
    const [row] = await database.db.select({ concurrent: tenants.concurrent }).from(tenants).where(eq(tenants.id, tenantId));
    return row!.concurrent;
  };
  const automaticRequests = (tenantId = 'league') =>
    database.db.select().from(changeRequests).where(and(eq(changeRequests.tenantId, tenantId), eq(changeRequests.automatic, true)));
  const allRequests = () => database.db.select().from(changeRequests);
  const switchAudit = (tenantId = 'league') =>
    database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), inArray(auditEvents.action, ['auto_increase_on', 'auto_increase_off'])))
      .orderBy(auditEvents.id);
  /** Concurrent ports approved automatically for the tenant on the UTC day of `at`. */
  const autoApprovedOn = async (at: Date, tenantId = 'league') => {
    const start = new Date(Math.floor(at.getTime() / DAY) * DAY);
    const [row] = await database.db
      .select({ total: sql<number>`coalesce(sum(greatest(${changeRequests.concurrentDelta}, 0)), 0)::int` })
      .from(changeRequests)
      .where(
        and(
          eq(changeRequests.tenantId, tenantId),
          eq(changeRequests.decidedBy, 'auto'),
          sql`${changeRequests.decidedAt} >= ${start.toISOString()}::timestamptz`,
          sql`${changeRequests.decidedAt} < ${new Date(start.getTime() + DAY).toISOString()}::timestamptz`,
        ),
      );
    return Number(row!.total);
  };

  async function refusal(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  const expectRefusal = async (promise: Promise<unknown>, code: ErrorCode) => expect((await refusal(promise)).code).toBe(code);

  describe('raising', () => {
    it('at 95 % of the limit, submits one automatic increase on the requester’s behalf, approved within the threshold, applied, audited, with its case and the requester’s notification', async () => {
      await turnOn();
      // League: concurrent 150; 143 is 95.3 %. Right-sizing's target for 143 is 180 (143 at 80 %, rounded up to 10).
      await sample('league', 143);

      const report = await raiseAutomatically(ctx, ['league']);

      expect(report).toMatchObject({ raised: [{ tenantId: 'league', from: 150, to: 180 }], switchedOff: [], failed: [] });
      expect(await concurrentOf()).toBe(180);
      const [request] = await automaticRequests();
      expect(request).toMatchObject({
        status: 'approved',
        automatic: true,
        requestedBy: PERCY,
        decidedBy: 'auto',
        concurrentDelta: 30,
        changes: { concurrent: { from: 150, to: 180 } },
      });
      expect(request!.reason).toContain('143');
      // The request's own view (pages, API) says it was automatic.
      const detail = await getRequestDetail(ctx, await ctx.callerFor(PERCY), request!.id);
      expect(detail.request).toMatchObject({ automatic: true, status: 'approved' });
      expect(detail.request.caseNumber).toMatch(/^\d+$/);

      const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.requestId, request!.id)).orderBy(auditEvents.id);
      expect(audit.map((event) => [event.actor, event.action])).toEqual([
        [PERCY, 'submitted'],
        ['auto', 'auto_approve'],
      ]);
      expect(audit[0]!.details).toMatchObject({ automatic: { peak: 143, limit: 150 } });
      expect(audit[1]!.details).toMatchObject({ threshold: 100, usedToday: 0, concurrentIncrease: 30 });

      const cases = await database.db.select().from(localCases);
      expect(cases).toHaveLength(1);
      expect(cases[0]!.description).toContain('143');
      const notified = await database.db.select().from(notifications).where(eq(notifications.requestId, request!.id));
      expect(notified.map((notification) => [notification.recipient, notification.kind])).toEqual([[PERCY, 'approved']]);

      const view = await getAutoIncrease(ctx, await ctx.callerFor(MARGUERITE), 'league');
      expect(view.todaysRequest).toMatchObject({ id: request!.id, status: 'approved' });
      expect(view.today).toMatchObject({ threshold: 100, usedToday: 30, remaining: 70 });
    });

    it('writes the reason in the requester’s own language', async () => {
      await database.db.update(users).set({ locale: 'pt-BR' }).where(eq(users.email, PERCY));
      await turnOn();
      await sample('league', 150);
      await raiseAutomatically(ctx, ['league']);
      const [request] = await automaticRequests();
      expect(request!.reason).toMatch(/^Aumento automático/);
    });

    it('makes at most one automatic request per tenant per UTC day, and may raise again the next UTC day', async () => {
      ctx.clockControl.set('2026-11-26T23:50:00.000Z');
      await turnOn();
      await sample('league', 143);
      expect((await raiseAutomatically(ctx, ['league'])).raised).toHaveLength(1);
      expect(await concurrentOf()).toBe(180);

      // Still at 95 % of the new limit the same day: nothing more.
      ctx.clockControl.advance(5 * MINUTE);
      await sample('league', 175);
      expect((await raiseAutomatically(ctx, ['league'])).raised).toEqual([]);
      expect(await automaticRequests()).toHaveLength(1);

      // Past UTC midnight, the new day has its own automatic request (175 → target 220).
      ctx.clockControl.set('2026-11-27T00:01:00.000Z');
      await sample('league', 175);
      const next = await raiseAutomatically(ctx, ['league']);
      expect(next.raised).toMatchObject([{ from: 180, to: 220 }]);
      expect(await automaticRequests()).toHaveLength(2);
    });

    it('is refused by the database as a second automatic request of the same UTC day, even past every other check', async () => {
      const percy = await ctx.callerFor(PERCY);
      const automatic = (concurrent: number, expected: number) =>
        submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, expected: { concurrent: expected }, reason: 'x' }), {
          automatic: { peak: 150, limit: expected },
        });
      await automatic(160, 150);
      const before = await allRequests();
      const error = await refusal(automatic(170, 160));
      expect([error.code, error.params]).toEqual(['automatic_increase_refused', { variant: 'once_a_day' }]);
      expect(await allRequests()).toHaveLength(before.length);
      expect(await concurrentOf()).toBe(160);
    });

    it('cuts the increase to what is left of today’s threshold, and asks nothing once it is used up', async () => {
      const percy = await ctx.callerFor(PERCY);
      await turnOn();
      // A manual increase of 90 uses 90 of the 100 ports of the day: 150 → 240.
      await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 240 }, reason: 'Drive' }));
      await sample('league', 230); // 95.8 % of 240; right-sizing would want 290.
      const report = await raiseAutomatically(ctx, ['league']);
      expect(report.raised).toMatchObject([{ from: 240, to: 250 }]);
      expect(await autoApprovedOn(ctx.clock())).toBe(100);
    });

    it('asks nothing when the day’s threshold is already used up', async () => {
      const percy = await ctx.callerFor(PERCY);
      await turnOn();
      await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 250 }, reason: 'Drive' }));
      await sample('league', 249);
      expect(await raiseAutomatically(ctx, ['league'])).toEqual({ raised: [], switchedOff: [], failed: [] });
      expect(await automaticRequests()).toEqual([]);
    });

    it('is refused under the tenant’s lock, with nothing stored, when the threshold no longer allows it (never above it)', async () => {
      const percy = await ctx.callerFor(PERCY);
      // Network Operations lowered the tenant's threshold to 10 after SSPM worked out +30 from 100.
      await database.db.update(tenants).set({ dailyThreshold: 10 }).where(eq(tenants.id, 'league'));
      const error = await refusal(
        submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 180 }, expected: { concurrent: 150 }, reason: 'x' }), {
          automatic: { peak: 143, limit: 150 },
        }),
      );
      expect([error.code, error.params]).toEqual(['automatic_increase_refused', { variant: 'threshold', increase: 30, remaining: 10 }]);
      expect(await allRequests()).toEqual([]);
      expect(await concurrentOf()).toBe(150);
      expect(await database.db.select().from(auditEvents)).toHaveLength(0);
    });

    it('asks nothing below 95 %', async () => {
      await turnOn();
      await sample('league', 142); // 94.7 %
      expect(await raiseAutomatically(ctx, ['league'])).toEqual({ raised: [], switchedOff: [], failed: [] });
      expect(await allRequests()).toEqual([]);
    });

    it('counts only the last five minutes as current usage: an old peak (a backfill) raises nothing', async () => {
      await turnOn();
      await sample('league', 150, 10);
      await sample('league', 100, 0);
      expect((await raiseAutomatically(ctx, ['league'])).raised).toEqual([]);
      // A peak four minutes ago is current.
      await sample('league', 150, 4);
      expect((await raiseAutomatically(ctx, ['league'])).raised).toHaveLength(1);
    });

    it('asks nothing for a tenant whose option is off, nor for one outside the samples', async () => {
      await sample('league', 150);
      expect((await raiseAutomatically(ctx, ['league'])).raised).toEqual([]);
      await turnOn();
      await turnOff();
      expect((await raiseAutomatically(ctx, ['league'])).raised).toEqual([]);
      await turnOn();
      expect((await raiseAutomatically(ctx, ['blakeney'])).raised).toEqual([]);
      expect(await allRequests()).toEqual([]);
    });

    it('leaves an open request alone: nothing is asked while the tenant has one', async () => {
      const percy = await ctx.callerFor(PERCY);
      await turnOn();
      await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'Big', justification: 'Launch' }));
      await sample('league', 150);
      expect(await raiseAutomatically(ctx, ['league'])).toEqual({ raised: [], switchedOff: [], failed: [] });
      expect(await automaticRequests()).toEqual([]);
    });

    it('turns the option off instead of asking, audited as SSPM, when the requester may no longer request changes', async () => {
      await turnOn();
      await database.db.update(users).set({ groups: ['sspm-viewer'] }).where(eq(users.email, PERCY));
      expect((await getAutoIncrease(ctx, await ctx.callerFor(REP), 'league')).requesterPermitted).toBe(false);
      await sample('league', 150);

      const report = await raiseAutomatically(ctx, ['league']);

      expect(report).toEqual({ raised: [], switchedOff: ['league'], failed: [] });
      expect(await allRequests()).toEqual([]);
      const [, off] = await switchAudit();
      expect(off).toMatchObject({ actor: 'system', action: 'auto_increase_off', details: { cause: 'requester_not_permitted', onBehalfOf: PERCY } });
      const view = await getAutoIncrease(ctx, await ctx.callerFor(REP), 'league');
      expect(view).toMatchObject({ enabled: false, onBehalfOf: null });
      expect(view.history[0]).toMatchObject({ action: 'off', actor: 'system', cause: 'requester_not_permitted', onBehalfOf: PERCY });
    });

    it('turns it off too when the requester moved to another partner (the tenant left their scope)', async () => {
      await turnOn();
      await database.db.update(users).set({ homeTenantId: 'musketeers' }).where(eq(users.email, PERCY));
      await sample('league', 150);
      expect((await raiseAutomatically(ctx, ['league'])).switchedOff).toEqual(['league']);
      expect(await allRequests()).toEqual([]);
    });
  });

  describe('the switch', () => {
    it('is turned on by a requester of the tenant, on their behalf, audited; turning it on again keeps the first requester and time', async () => {
      const first = await turnOn();
      expect(first).toMatchObject({ enabled: true, onBehalfOf: { email: PERCY }, since: ctx.clock().toISOString() });
      ctx.clockControl.advance(60 * MINUTE);
      const again = await turnOn();
      expect(again.since).toBe(first.since);

      const audit = await switchAudit();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: PERCY, action: 'auto_increase_on', details: { onBehalfOf: PERCY, since: first.since } });
    });

    it('is turned off by the partner’s requester, audited once however often it is asked', async () => {
      await turnOn();
      expect(await turnOff()).toMatchObject({ enabled: false, onBehalfOf: null, since: null });
      await turnOff();
      const audit = await switchAudit();
      expect(audit.map((event) => [event.actor, event.action])).toEqual([
        [PERCY, 'auto_increase_on'],
        [PERCY, 'auto_increase_off'],
      ]);
      expect(audit[1]!.details).toMatchObject({ cause: 'turned_off', onBehalfOf: PERCY });
    });

    it('may be turned off by an Account Representative, who may not turn it on', async () => {
      await expectRefusal(turnOn(REP), 'forbidden');
      await turnOn();
      const view = await getAutoIncrease(ctx, await ctx.callerFor(REP), 'league');
      expect(view.may).toEqual({ turnOn: false, turnOff: true });
      expect((await getAutoIncrease(ctx, await ctx.callerFor(PERCY), 'league')).may).toEqual({ turnOn: true, turnOff: true });
      expect(await turnOff(REP)).toMatchObject({ enabled: false });
      expect((await switchAudit()).map((event) => event.actor)).toEqual([PERCY, REP]);
    });

    it('refuses a viewer both ways (403), and answers a requester of another partner as if the tenant did not exist (404)', async () => {
      await expectRefusal(turnOn(MARGUERITE), 'forbidden');
      await expectRefusal(turnOn(ATHOS), 'not_found');
      await turnOn();
      await expectRefusal(turnOff(MARGUERITE), 'forbidden');
      await expectRefusal(turnOff(ATHOS), 'not_found');
      await expectRefusal(getAutoIncrease(ctx, await ctx.callerFor(ATHOS), 'league'), 'not_found');
      await expectRefusal(turnOn(NETOPS), 'forbidden');
      const viewer = await getAutoIncrease(ctx, await ctx.callerFor(MARGUERITE), 'league');
      expect(viewer).toMatchObject({ enabled: true, may: { turnOn: false, turnOff: false } });
      expect(await switchAudit()).toHaveLength(1);
    });

    it('cannot be turned on where the tenant has no Monitoring Gateway', async () => {
      await expectRefusal(turnOn(ATHOS, 'gascony'), 'monitoring_gateway_disabled');
      expect((await getAutoIncrease(ctx, await ctx.callerFor(ATHOS), 'gascony')).may.turnOn).toBe(false);
    });
  });

  describe('GET, PUT and DELETE /api/v1/tenants/{id}/auto-increase', () => {
    const send = (method: 'GET' | 'PUT' | 'DELETE', as: string, id = 'league', options: { origin?: string | null } = {}) => {
      installAppContext(ctx);
      const handler = autoIncreaseRoute[method];
      return call(handler, method, `/api/v1/tenants/${id}/auto-increase`, { as, params: { id }, ...options });
    };

    it('turns it on (PUT) and off (DELETE) as the use cases do, with the same authorization', async () => {
      const on = await send('PUT', PERCY);
      expect(on.status).toBe(200);
      expect(on.json).toMatchObject({ tenantId: 'league', enabled: true, onBehalfOf: { email: PERCY }, may: { turnOn: true, turnOff: true } });
      expect((await send('GET', MARGUERITE)).json).toMatchObject({ enabled: true, may: { turnOff: false } });
      expect((await send('DELETE', MARGUERITE)).status).toBe(403);
      expect((await send('DELETE', ATHOS)).status).toBe(404);
      expect((await send('GET', ATHOS)).status).toBe(404);
      expect((await send('GET', PERCY, 'no-such-tenant')).status).toBe(404);
      const off = await send('DELETE', REP);
      expect(off.status).toBe(200);
      expect(off.json).toMatchObject({ enabled: false });
    });

    it('refuses a switch from another site riding on the session cookie', async () => {
      const response = await send('PUT', PERCY, 'league', { origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ error: { code: 'cross_site_request' } });
      expect(await switchAudit()).toEqual([]);
    });
  });

  // PGlite serialises everything; on the server these run truly at once.
  describe('under concurrent samples', () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('makes exactly one automatic request of 20 simultaneous evaluations of the same samples', async () => {
      await turnOn();
      await sample('league', 150);
      const reports = await Promise.all(Array.from({ length: 20 }, () => raiseAutomatically(ctx, ['league'])));
      expect(reports.flatMap((report) => report.raised)).toHaveLength(1);
      expect(reports.flatMap((report) => report.failed)).toEqual([]);
      expect(await automaticRequests()).toHaveLength(1);
      expect(await concurrentOf()).toBe(190);
    });

    it('never makes more than one automatic request per tenant per day, nor approves more than the day’s threshold, with manual approvals racing', async () => {
      await turnOn();
      const percy = await ctx.callerFor(PERCY);
      // Each day, 20 evaluations of a sample at 100 %, 5 ms apart, race six manual requests started
      // over 40–440 ms: the automatic one is decided before, among or after the manual approvals
      // (both happen here; which, on the server, is up to timing). What must hold holds either way.
      const delays = [0, 80, 160, 240, 320, 400].map((delay) => delay + 40);
      for (let day = 0; day < 4; day += 1) {
        ctx.clockControl.set(new Date(Date.parse('2026-11-26T12:00:00.000Z') + day * DAY));
        const limit = await concurrentOf();
        await sample('league', limit); // 100 %
        const manual = delays.map((delay, index) =>
          wait(delay).then(() =>
            submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: limit + 10 * (index + 1) }, reason: 'Racing' })),
          ),
        );
        const raises = Array.from({ length: 20 }, (_, index) => wait(day * 15 + index * 5).then(() => raiseAutomatically(ctx, ['league'])));
        const [manualOutcomes, reports] = await Promise.all([Promise.allSettled(manual), Promise.allSettled(raises)]);
        for (const outcome of manualOutcomes) {
          // A manual request beyond what is left waits for information; then the next ones find it open.
          if (outcome.status === 'rejected') expect(['request_already_open', 'no_change']).toContain((outcome.reason as AppError).code);
        }
        const raised = reports.flatMap((report) => {
          expect(report.status).toBe('fulfilled');
          return report.status === 'fulfilled' ? (expect(report.value.failed).toEqual([]), report.value.raised) : [];
        });
        expect(raised.length).toBeLessThanOrEqual(1);
        const dayStart = Math.floor(ctx.clock().getTime() / DAY) * DAY;
        expect((await automaticRequests()).filter((request) => request.createdAt.getTime() >= dayStart)).toHaveLength(raised.length);
        expect(await autoApprovedOn(ctx.clock())).toBeLessThanOrEqual(100);
        // Close what a manual request left open, so that the next day starts clean.
        await database.db.update(changeRequests).set({ status: 'cancelled' }).where(inArray(changeRequests.status, ['pending_info', 'in_review']));
      }
      // Every approval started from the limit the previous one left: the sum of the changes is the limit.
      const approved = (await allRequests()).filter((request) => request.status === 'approved');
      expect(await concurrentOf()).toBe(150 + approved.reduce((sum, request) => sum + request.concurrentDelta, 0));
    });
  });
});
