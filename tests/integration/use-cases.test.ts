import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, changeRequests, localCases, tenants } from '@/db/schema';
import { isUniqueViolation } from '@/lib/data/pg-errors';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { decideRequest } from '@/lib/requests/decide-request';
import { getRequestDetail, listVisibleRequests } from '@/lib/requests/read-requests';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema, type CreateRequestBody } from '@/lib/validation/request';
import { ATHOS, MARGUERITE, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

describe.each(BACKENDS)('request use cases on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  const submitAs = async (email: string, body: Partial<CreateRequestBody> & { changes: CreateRequestBody['changes'] }) =>
    submitRequest(ctx, await ctx.callerFor(email), createRequestSchema.parse({ tenantId: 'league', reason: 'Membership drive', ...body }));

  const limitsOf = async (tenantId: string) => {
    const [row] = await database.db
      .select({ concurrent: tenants.concurrent, outbound: tenants.outbound, agentless: tenants.agentless })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    return row;
  };

  const counts = async () => {
    const [requests] = await database.db.select({ n: count() }).from(changeRequests);
    const [audit] = await database.db.select({ n: count() }).from(auditEvents);
    return { requests: requests!.n, audit: audit!.n, limits: await limitsOf('league') };
  };

  async function expectRefusal(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  describe('submit', () => {
    it('approves a concurrent increase within the daily threshold at once, applies it and closes its case', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 200 } });

      expect(request.status).toBe('approved');
      expect(request.changes).toEqual({ concurrent: { from: 150, to: 200 } });
      expect(request.decision).toMatchObject({ by: 'auto' });
      expect(request.caseNumber).toMatch(/^\d{8}$/);
      expect(await limitsOf('league')).toEqual({ concurrent: 200, outbound: 80, agentless: 40 });

      const [kase] = await database.db.select().from(localCases).where(eq(localCases.externalId, request.id));
      expect(kase).toMatchObject({ caseNumber: request.caseNumber, status: 'Approved' });
      expect(kase!.closedAt).not.toBeNull();

      const detail = await getRequestDetail(ctx, await ctx.callerFor(PERCY), request.id);
      expect(detail.timeline.map((event) => [event.action, event.fromState, event.toState])).toEqual([
        ['submitted', null, 'new'],
        ['auto_approve', 'new', 'approved'],
      ]);
    });

    it('approves an increase that reaches the threshold exactly, and holds the next port for information', async () => {
      const first = await submitAs(PERCY, { changes: { concurrent: 250 } });
      expect(first.status).toBe('approved');

      const second = await submitAs(PERCY, { changes: { concurrent: 251 } });
      expect(second.status).toBe('pending_info');
      expect(second.decision).toBeNull();
      expect((await limitsOf('league'))!.concurrent).toBe(250);
    });

    it('holds an over-threshold increase without justification in pending_info and opens its case', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 260 } });

      expect(request.status).toBe('pending_info');
      expect(request.caseNumber).toMatch(/^\d{8}$/);
      expect((await limitsOf('league'))!.concurrent).toBe(150);
      const [kase] = await database.db.select().from(localCases).where(eq(localCases.externalId, request.id));
      expect(kase).toMatchObject({ status: 'New', closedAt: null });
    });

    it('sends an over-threshold increase that already carries a justification straight to in_review', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive expects 380 calls' });
      expect(request.status).toBe('in_review');
      expect(request.justification).toBe('Drive expects 380 calls');
    });

    it('does not count decreases or outbound changes against the threshold', async () => {
      expect((await submitAs(PERCY, { changes: { concurrent: 100 } })).status).toBe('approved');
      expect((await submitAs(PERCY, { changes: { outbound: 90 } })).status).toBe('approved');
      expect((await submitAs(PERCY, { changes: { concurrent: 200 } })).status).toBe('approved');
      expect(await limitsOf('league')).toEqual({ concurrent: 200, outbound: 90, agentless: 40 });
    });

    it('starts a new allowance at UTC midnight, not before', async () => {
      ctx.clockControl.set('2026-11-26T23:59:00.000Z');
      expect((await submitAs(PERCY, { changes: { concurrent: 240 } })).status).toBe('approved');
      ctx.clockControl.set('2026-11-26T23:59:59.999Z');
      const late = await submitAs(PERCY, { changes: { concurrent: 260 } });
      expect(late.status).toBe('pending_info');
      await cancelRequest(ctx, await ctx.callerFor(PERCY), late.id);

      ctx.clockControl.set('2026-11-27T00:00:00.000Z');
      expect((await submitAs(PERCY, { changes: { concurrent: 330 } })).status).toBe('approved');
    });

    it('lowers concurrent ports together with outbound in one request, which alone would be refused', async () => {
      await expectRefusal(submitAs(PERCY, { changes: { concurrent: 70 } }), 'exceeds_concurrent');
      const request = await submitAs(PERCY, { changes: { concurrent: 70, outbound: 60 } });
      expect(request.status).toBe('approved');
      expect(await limitsOf('league')).toEqual({ concurrent: 70, outbound: 60, agentless: 40 });
    });

    it.each([
      ['limit_out_of_range', { changes: { concurrent: 10_000 } }],
      ['limit_out_of_range', { changes: { concurrent: -1 } }],
      ['limit_out_of_range', { changes: { concurrent: 1.5 } }],
      ['exceeds_concurrent', { changes: { outbound: 151 } }],
      ['no_change', { changes: { concurrent: 150 } }],
      ['no_change', { changes: {} }],
      ['stale_limits', { changes: { concurrent: 200 }, expected: { concurrent: 140 } }],
      ['invalid_revert_at', { changes: { concurrent: 200 }, revertAt: '2026-11-26T09:00:00.000Z' }],
      ['invalid_revert_at', { changes: { concurrent: 200 }, revertAt: '2027-03-01T10:00:00.000Z' }],
    ] as const)('refuses with %s and stores nothing (%j)', async (code, body) => {
      const before = await counts();
      await expectRefusal(submitAs(PERCY, body as CreateRequestBody), code);
      expect(await counts()).toEqual(before);
    });

    it('refuses outbound and agentless changes where Personal Connection is off (port_type_not_enabled)', async () => {
      await expectRefusal(submitAs(PERCY, { tenantId: 'blakeney', changes: { outbound: 10 } }), 'port_type_not_enabled');
      expect((await submitAs(PERCY, { tenantId: 'blakeney', changes: { concurrent: 60 } })).status).toBe('approved');
    });

    it('refuses a tenant without Monitoring Gateway (monitoring_gateway_disabled)', async () => {
      await expectRefusal(submitAs(ATHOS, { tenantId: 'gascony', changes: { concurrent: 50 } }), 'monitoring_gateway_disabled');
    });

    it('refuses a second request while one is open (request_already_open), and allows it after cancelling', async () => {
      const open = await submitAs(PERCY, { changes: { concurrent: 400 } });
      const before = await counts();
      await expectRefusal(submitAs(PERCY, { changes: { concurrent: 160 } }), 'request_already_open');
      expect(await counts()).toEqual(before);

      const cancelled = await cancelRequest(ctx, await ctx.callerFor(PERCY), open.id);
      expect(cancelled.status).toBe('cancelled');
      expect((await submitAs(PERCY, { changes: { concurrent: 160 } })).status).toBe('approved');
    });

    it('lets a partner act on its own tenant and its customers, and hides other partners (not_found)', async () => {
      expect((await submitAs(PERCY, { tenantId: 'classics', changes: { concurrent: 210 } })).status).toBe('approved');
      await expectRefusal(submitAs(PERCY, { tenantId: 'musketeers', changes: { concurrent: 310 } }), 'not_found');
      await expectRefusal(submitAs(ATHOS, { tenantId: 'league', changes: { concurrent: 160 } }), 'not_found');
      await expectRefusal(submitAs(PERCY, { tenantId: 'nowhere', changes: { concurrent: 160 } }), 'not_found');
    });

    it('refuses a viewer (forbidden) and a rep without sspm:create (forbidden)', async () => {
      await expectRefusal(submitAs(MARGUERITE, { changes: { concurrent: 160 } }), 'forbidden');
      await expectRefusal(submitAs(REP, { changes: { concurrent: 160 } }), 'forbidden');
    });
  });

  describe('information, decision and cancel', () => {
    it('walks pending_info → in_review → approved, applying the limits with the decision', async () => {
      const percy = await ctx.callerFor(PERCY);
      const request = await submitAs(PERCY, { changes: { concurrent: 260 } });
      const informed = await addInformation(ctx, percy, request.id, { justification: 'Membership drive, 240 peak' });
      expect(informed.status).toBe('in_review');

      ctx.clockControl.advance(60_000);
      const approved = await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'approve', comment: '' });
      expect(approved.status).toBe('approved');
      expect(approved.decision).toMatchObject({ by: REP });
      expect((await limitsOf('league'))!.concurrent).toBe(260);

      const detail = await getRequestDetail(ctx, percy, request.id);
      expect(detail.timeline.map((event) => event.toState)).toEqual(['new', 'pending_info', 'in_review', 'approved']);
      const [kase] = await database.db.select().from(localCases).where(eq(localCases.externalId, request.id));
      expect(kase!.status).toBe('Approved');
      expect(kase!.comments.map((comment) => comment.body).join('\n')).toContain('Membership drive, 240 peak');
    });

    it('rejects only with a comment (comment_required), leaving the limits as they were', async () => {
      const rep = await ctx.callerFor(REP);
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      await expectRefusal(decideRequest(ctx, rep, request.id, { decision: 'reject', comment: '' }), 'comment_required');
      const rejected = await decideRequest(ctx, rep, request.id, { decision: 'reject', comment: 'Too many for one day' });
      expect(rejected.status).toBe('rejected');
      expect(rejected.decision).toMatchObject({ by: REP, comment: 'Too many for one day' });
      expect((await limitsOf('league'))!.concurrent).toBe(150);
    });

    it('tells the second decider who decided first (already_decided)', async () => {
      const rep = await ctx.callerFor(REP);
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      await decideRequest(ctx, rep, request.id, { decision: 'approve', comment: '' });
      const error = await expectRefusal(
        decideRequest(ctx, rep, request.id, { decision: 'reject', comment: 'late' }),
        'already_decided',
      );
      expect(error.message).toContain(REP);
      expect((await limitsOf('league'))!.concurrent).toBe(400);
    });

    it('re-checks the rules at approval against the limits as they are then', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      // Meanwhile the tenant's limits changed elsewhere, so that the request's target now breaks a rule.
      await database.db.update(tenants).set({ concurrent: 450, outbound: 420 }).where(eq(tenants.id, 'league'));
      await expectRefusal(
        decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'approve', comment: '' }),
        'exceeds_concurrent',
      );
      const detail = await getRequestDetail(ctx, await ctx.callerFor(REP), request.id);
      expect(detail.request.status).toBe('in_review');
      expect(await limitsOf('league')).toEqual({ concurrent: 450, outbound: 420, agentless: 40 });
    });

    it('refuses to approve a temporary change whose end has passed (invalid_revert_at), but lets it be rejected', async () => {
      const rep = await ctx.callerFor(REP);
      const request = await submitAs(PERCY, {
        changes: { concurrent: 400 },
        justification: 'Drive',
        revertAt: '2026-11-27T10:00:00.000Z',
      });
      ctx.clockControl.set('2026-11-27T10:00:00.000Z');
      await expectRefusal(decideRequest(ctx, rep, request.id, { decision: 'approve', comment: '' }), 'invalid_revert_at');
      expect((await limitsOf('league'))!.concurrent).toBe(150);
      expect((await decideRequest(ctx, rep, request.id, { decision: 'reject', comment: 'Too late' })).status).toBe('rejected');
    });

    it('lets only an Account Representative decide (forbidden), and hides other partners from requesters', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      await expectRefusal(decideRequest(ctx, await ctx.callerFor(PERCY), request.id, { decision: 'approve', comment: '' }), 'forbidden');
      await expectRefusal(cancelRequest(ctx, await ctx.callerFor(ATHOS), request.id), 'not_found');
      await expectRefusal(getRequestDetail(ctx, await ctx.callerFor(ATHOS), request.id), 'not_found');
      await expectRefusal(addInformation(ctx, await ctx.callerFor(ATHOS), request.id, { justification: 'x' }), 'not_found');
    });

    it('refuses information on a request that is not waiting for it, and cancelling a decided one (invalid_transition)', async () => {
      const percy = await ctx.callerFor(PERCY);
      const review = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      await expectRefusal(addInformation(ctx, percy, review.id, { justification: 'more' }), 'invalid_transition');
      await decideRequest(ctx, await ctx.callerFor(REP), review.id, { decision: 'approve', comment: '' });
      await expectRefusal(cancelRequest(ctx, percy, review.id), 'invalid_transition');
    });

    it('cancels a request in review and closes its case', async () => {
      const request = await submitAs(PERCY, { changes: { concurrent: 400 }, justification: 'Drive' });
      const cancelled = await cancelRequest(ctx, await ctx.callerFor(PERCY), request.id);
      expect(cancelled.status).toBe('cancelled');
      const [kase] = await database.db.select().from(localCases).where(eq(localCases.externalId, request.id));
      expect(kase!.status).toBe('Cancelled');
    });
  });

  describe('listing', () => {
    it('lists a partner its own tree only, newest first, across pages without gaps or repeats', async () => {
      const percy = await ctx.callerFor(PERCY);
      const created: string[] = [];
      for (const concurrent of [160, 170, 180, 190, 200]) {
        ctx.clockControl.advance(1_000);
        created.push((await submitAs(PERCY, { changes: { concurrent } })).id);
      }
      ctx.clockControl.advance(1_000);
      await submitAs(ATHOS, { tenantId: 'musketeers', changes: { concurrent: 310 } });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listVisibleRequests(ctx, percy, { limit: 2, cursor });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...created].reverse());

      const athosPage = await listVisibleRequests(ctx, await ctx.callerFor(ATHOS), { limit: 20 });
      expect(athosPage.items.map((item) => item.tenantId)).toEqual(['musketeers']);
    });

    it('filters by tenant and status', async () => {
      await submitAs(PERCY, { changes: { concurrent: 160 } });
      await submitAs(PERCY, { tenantId: 'blakeney', changes: { concurrent: 500 } });
      const percy = await ctx.callerFor(PERCY);
      const pending = await listVisibleRequests(ctx, percy, { limit: 20, status: 'pending_info' });
      expect(pending.items.map((item) => item.tenantId)).toEqual(['blakeney']);
      const league = await listVisibleRequests(ctx, percy, { limit: 20, tenantId: 'league' });
      expect(league.items.map((item) => item.status)).toEqual(['approved']);
    });
  });

  it('refuses a second open request for a tenant in the database itself (partial unique index)', async () => {
    const open = { tenantId: 'league', changes: {}, reason: 'direct', requestedBy: PERCY };
    await database.db.insert(changeRequests).values({ ...open, status: 'pending_info' });
    const error = await database.db
      .insert(changeRequests)
      .values({ ...open, status: 'in_review' })
      .then(() => null, (caught: unknown) => caught);
    expect(isUniqueViolation(error, 'change_requests_one_open_per_tenant')).toBe(true);
    await database.db.insert(changeRequests).values({ ...open, status: 'approved' });
  });

  it('refuses limits outside 0..9999 in the database itself (check constraints)', async () => {
    await expect(database.db.update(tenants).set({ concurrent: 10_000 }).where(eq(tenants.id, 'league'))).rejects.toThrow();
    await expect(database.db.update(tenants).set({ outbound: -1 }).where(eq(tenants.id, 'league'))).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    await submitAs(PERCY, { changes: { concurrent: 160 } });
    await expect(database.db.execute(sql`update audit_events set actor = 'someone else'`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_events`)).rejects.toThrow();
  });
});
