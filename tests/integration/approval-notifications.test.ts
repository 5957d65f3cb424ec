import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeRequests, notifications, users } from '@/db/schema';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';
import { AppError } from '@/lib/domain/errors';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { type AfterAnswerQueue, freshSalesforceEachTest } from '../support/salesforce';
import type { SalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const REP_TWO = 'rep2@ops.example';

/** Another rep asked to decide the same request (as when the tenant's rep changed while it waited). */
async function askAnotherRep(database: TestDatabase, requestId: string, recipient: string): Promise<void> {
  await database.db.insert(notifications).values({
    recipient,
    requestId,
    kind: 'approval_requested',
    params: {},
    dedupeKey: `${requestId}:approval_requested:${recipient}`,
    emailState: 'skipped',
  });
}

async function unreadApprovalRequests(database: TestDatabase, requestId: string): Promise<string[]> {
  const rows = await database.db
    .select({ recipient: notifications.recipient, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.requestId, requestId), eq(notifications.kind, 'approval_requested')));
  return rows.filter((row) => row.readAt === null).map((row) => row.recipient).sort();
}

describe.each(BACKENDS)('“approval requested” settled for every rep once a request is decided, on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    await database.db.insert(users).values({ email: REP_TWO, name: 'Second rep', groups: ['sspm-account-rep'] });
  });

  const inReview = async (concurrent = 400) => {
    const request = await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Drive', justification: 'Peak of 380' }),
    );
    await askAnotherRep(database, request.id, REP_TWO);
    return request;
  };

  it.each(['approve', 'reject'] as const)(
    'marks every rep’s unread approval request of the request read, at the decision’s time, when one rep decides it (%s)',
    async (decision) => {
      const request = await inReview();
      expect(await unreadApprovalRequests(database, request.id)).toEqual([REP, REP_TWO].sort());

      const decidedAt = ctx.clock();
      await decideRequest(ctx, await ctx.callerFor(REP_TWO), request.id, { decision, comment: 'Decided' });

      expect(await unreadApprovalRequests(database, request.id)).toEqual([]);
      const settled = await database.db.select().from(notifications).where(eq(notifications.kind, 'approval_requested'));
      expect(settled.map((row) => row.readAt?.toISOString())).toEqual([decidedAt.toISOString(), decidedAt.toISOString()]);
    },
  );

  it('settles every rep’s approval request when the requester withdraws the request in review: nothing is left to decide', async () => {
    const request = await inReview();
    await cancelRequest(ctx, await ctx.callerFor(PERCY), request.id);
    expect(await unreadApprovalRequests(database, request.id)).toEqual([]);
  });

  it('leaves other notifications and other requests’ approval requests unread', async () => {
    const league = await inReview();
    const musketeers = await submitRequest(
      ctx,
      await ctx.callerFor('athos@musketeers.example'),
      createRequestSchema.parse({ tenantId: 'musketeers', changes: { concurrent: 900 }, reason: 'Campaign', justification: 'Season' }),
    );

    await decideRequest(ctx, await ctx.callerFor(REP), league.id, { decision: 'approve', comment: '' });

    expect(await unreadApprovalRequests(database, musketeers.id)).toEqual([REP]);
    const percys = await database.db.select().from(notifications).where(eq(notifications.recipient, PERCY));
    expect(percys.map((row) => [row.kind, row.readAt]).sort()).toEqual([
      ['approved', null],
      ['submitted', null],
    ]);
  });

  it('settles the approval request a rep was sent after the requester added information', async () => {
    const percy = await ctx.callerFor(PERCY);
    const request = await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 260 }, reason: 'Drive' }));
    await addInformation(ctx, percy, request.id, { justification: 'Peak of 240' });
    expect(await unreadApprovalRequests(database, request.id)).toEqual([REP]);

    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Not this week' });
    expect(await unreadApprovalRequests(database, request.id)).toEqual([]);
  });

  it('settles nothing when a decision is refused (someone else decided first)', async () => {
    const request = await inReview();
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'approve', comment: '' });
    // An approval request still unread after the decision: a refused second decision leaves it as it is.
    await database.db.delete(notifications).where(eq(notifications.recipient, REP_TWO));
    await askAnotherRep(database, request.id, REP_TWO);

    const refused = await decideRequest(ctx, await ctx.callerFor(REP_TWO), request.id, { decision: 'reject', comment: 'No' }).catch(
      (error: unknown) => error,
    );
    expect((refused as AppError).code).toBe('already_decided');
    expect(await unreadApprovalRequests(database, request.id)).toEqual([REP_TWO]);
  });
});

describe.each(BACKENDS)('“approval requested” settled when a rep decides in Salesforce, on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let afterAnswer: AfterAnswerQueue;
  let emulator: SalesforceEmulator;

  freshSalesforceEachTest(backend, (world) => {
    ({ database, ctx, afterAnswer, emulator } = world);
  });

  it('marks every rep’s unread approval request read when the scheduled sync applies a decision made in Salesforce', async () => {
    const request = await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'Drive', justification: 'Peak of 380' }),
    );
    await afterAnswer.runAll();
    await askAnotherRep(database, request.id, REP_TWO);
    expect(await unreadApprovalRequests(database, request.id)).toEqual([REP, REP_TWO].sort());

    const [stored] = await database.db.select().from(changeRequests).where(eq(changeRequests.id, request.id));
    emulator.org.decideInUi(stored!.caseId!, 'Approved', { email: REP, comment: 'Go ahead.' });
    const report = await runSalesforceSync(ctx);

    expect(report).toMatchObject({ decisionsApplied: 1 });
    expect(await unreadApprovalRequests(database, request.id)).toEqual([]);
  });
});
