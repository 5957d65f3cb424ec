import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, changeRequests, tenants } from '@/db/schema';
import { submitRequest } from '@/lib/requests/submit-request';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';
import { createRequestSchema } from '@/lib/validation/request';
import { type AfterAnswerQueue, freshSalesforceEachTest } from '../support/salesforce';
import { FAULTS } from '../support/salesforce-emulator/faults';
import type { SalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { PERCY, REP, type TestContext } from '../support/use-case-context';

describe.each(BACKENDS)('the scheduled Salesforce sync on %s', (backend) => {
  let database: TestDatabase;
  let emulator: SalesforceEmulator;
  let ctx: TestContext;
  let afterAnswer: AfterAnswerQueue;

  freshSalesforceEachTest(backend, (world) => {
    ({ database, emulator, ctx, afterAnswer } = world);
  });

  /** Over the threshold with a justification: straight to in_review, its case opened after the answer. */
  async function inReview({ tenantId = 'league', concurrent = 400, caseOpened = true } = {}) {
    const request = await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Membership drive', justification: 'Drive expects 380 calls' }),
    );
    await afterAnswer.runAll();
    const [stored] = await database.db.select().from(changeRequests).where(eq(changeRequests.id, request.id));
    expect(stored).toMatchObject({ status: 'in_review' });
    if (caseOpened) expect(stored!.caseId).not.toBeNull();
    return stored!;
  }

  const stored = async (id: string) => (await database.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]!;
  const concurrentOf = async (tenantId: string) =>
    (await database.db.select({ concurrent: tenants.concurrent }).from(tenants).where(eq(tenants.id, tenantId)))[0]!.concurrent;

  it('applies a case set to Approved in Salesforce: limits applied, audited, case closed with its comment', async () => {
    const request = await inReview();
    emulator.org.decideInUi(request.caseId!, 'Approved', { email: REP, comment: 'Go ahead for the drive.' });

    const report = await runSalesforceSync(ctx);

    expect(report).toMatchObject({ ran: true, casesRead: 1, decisionsApplied: 1, decisionsRefused: 0, messagesSent: 1, complete: true });
    expect(report.apiCalls).toBe(2); // the SOQL read and the closing composite; already signed in
    expect(await stored(request.id)).toMatchObject({
      status: 'approved',
      decidedBy: 'salesforce:rep@ops.example',
      decisionComment: 'Go ahead for the drive.',
    });
    expect(await concurrentOf('league')).toBe(400);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, request.id), eq(auditEvents.action, 'approve')));
    expect(audit).toMatchObject({ actor: 'salesforce:rep@ops.example', fromState: 'in_review', toState: 'approved' });

    const kase = emulator.org.caseByExternalId(request.id)!;
    expect(kase).toMatchObject({ Status: 'Approved', IsClosed: true });
    const comments = emulator.org.commentsOf(kase.Id).map((comment) => String(comment.CommentBody));
    expect(comments.filter((body) => /^Approved by salesforce:rep@ops\.example \(.*150 → 400\): Go ahead for the drive\.\n\[SSPM #\d+\]$/.test(body))).toHaveLength(1);
  });

  it('applies a case set to Rejected in Salesforce, with a comment of its own when the rep left none', async () => {
    const request = await inReview();
    emulator.org.decideInUi(request.caseId!, 'Rejected', { email: REP });

    const report = await runSalesforceSync(ctx);

    expect(report).toMatchObject({ casesRead: 1, decisionsApplied: 1, messagesSent: 1 });
    expect(await stored(request.id)).toMatchObject({
      status: 'rejected',
      decidedBy: 'salesforce:rep@ops.example',
      decisionComment: `Rejected in Salesforce, case ${request.caseNumber}.`,
    });
    expect(await concurrentOf('league')).toBe(150);
    expect(emulator.org.caseByExternalId(request.id)).toMatchObject({ Status: 'Rejected', IsClosed: true });
  });

  it('applies a Salesforce decision whose comment holds control characters, without them', async () => {
    const request = await inReview();
    emulator.org.decideInUi(request.caseId!, 'Rejected', { email: REP, comment: 'Not\u0007 this\u000c week' });

    expect(await runSalesforceSync(ctx)).toMatchObject({ decisionsApplied: 1 });
    expect(await stored(request.id)).toMatchObject({ status: 'rejected', decisionComment: 'Not this week' });
  });

  it('leaves requests alone whose case is still being worked, and reads nothing once none is in review', async () => {
    const request = await inReview();
    emulator.org.updateCase(request.caseId!, { Status: 'Working' });

    expect(await runSalesforceSync(ctx)).toMatchObject({ casesRead: 1, decisionsApplied: 0, messagesSent: 0 });
    expect(await stored(request.id)).toMatchObject({ status: 'in_review' });

    emulator.org.decideInUi(request.caseId!, 'Approved', { email: REP });
    await runSalesforceSync(ctx);
    const quiet = await runSalesforceSync(ctx);
    expect(quiet).toMatchObject({ casesRead: 0, decisionsApplied: 0, messagesSent: 0, apiCalls: 0 });
  });

  it('does not apply a Salesforce approval the rules refuse now, and says so in its report', async () => {
    const request = await inReview();
    await database.db.update(tenants).set({ monitoringGatewayEnabled: false }).where(eq(tenants.id, 'league'));
    emulator.org.decideInUi(request.caseId!, 'Approved', { email: REP });

    expect(await runSalesforceSync(ctx)).toMatchObject({ decisionsApplied: 0, decisionsRefused: 1 });
    expect(await stored(request.id)).toMatchObject({ status: 'in_review' });
    expect(await concurrentOf('league')).toBe(150);
  });

  it('first sends what the outbox still holds, such as the case of a request answered while Salesforce was down', async () => {
    emulator.faults.failEveryCall(FAULTS.unavailable);
    const request = await inReview({ caseOpened: false });
    expect((await stored(request.id)).caseNumber).toBeNull();
    emulator.faults.recover();
    ctx.clockControl.advance(60 * 60 * 1000);

    const report = await runSalesforceSync(ctx);

    expect(report).toMatchObject({ messagesSent: 1, casesRead: 1 });
    expect((await stored(request.id)).caseNumber).toBe(emulator.org.caseByExternalId(request.id)!.CaseNumber);
  });

  it('reports an incomplete run when Salesforce fails while the cases are read', async () => {
    await inReview();
    emulator.faults.failNext(1, FAULTS.serverError, { endpoint: /query/ });

    const report = await runSalesforceSync(ctx);
    expect(report).toMatchObject({ ran: true, complete: false, casesRead: 0, error: expect.stringContaining('UNKNOWN_EXCEPTION') });
  });

  it('reads at most 200 cases per SOQL query', async () => {
    await database.db.insert(tenants).values(
      Array.from({ length: 450 }, (_, i) => ({ id: `t-${i}`, name: `T ${i}`, parentId: 'classics', accountRepEmail: REP, concurrent: 10 })),
    );
    const rows = Array.from({ length: 450 }, (_, i) => {
      const kase = emulator.org.createCase({ Subject: `Case ${i}` });
      return {
        tenantId: `t-${i}`,
        status: 'in_review' as const,
        changes: { concurrent: { from: 10, to: 500 } },
        concurrentDelta: 490,
        reason: 'Bulk',
        justification: 'Bulk',
        requestedBy: PERCY,
        caseId: kase.Id,
        caseNumber: String(kase.CaseNumber),
      };
    });
    await database.db.insert(changeRequests).values(rows);
    emulator.calls.reset();

    const report = await runSalesforceSync(ctx);

    expect(report).toMatchObject({ casesRead: 450, complete: true });
    expect(emulator.calls.get('GET /query')).toBe(3);
  });
});
