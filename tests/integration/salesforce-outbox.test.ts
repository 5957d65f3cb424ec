import { asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseOperations, changeRequests, tenants } from '@/db/schema';
import { AppError } from '@/lib/domain/errors';
import { submitRequest } from '@/lib/requests/submit-request';
import { countStuckCaseOperationsForRep, listCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import type { JsforceCaseDesk } from '@/lib/salesforce/jsforce-case-desk';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { createRequestSchema } from '@/lib/validation/request';
import { type AfterAnswerQueue, freshSalesforceEachTest, salesforceDeskFor } from '../support/salesforce';
import { FAULTS } from '../support/salesforce-emulator/faults';
import type { SalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { PERCY, REP, type TestContext } from '../support/use-case-context';
import { waitFor } from '../support/wait-for';

const HOUR = 60 * 60 * 1000;

describe.each(BACKENDS)('case operations sent to Salesforce through the outbox, on %s', (backend) => {
  let database: TestDatabase;
  let emulator: SalesforceEmulator;
  let desk: JsforceCaseDesk;
  let ctx: TestContext;
  let afterAnswer: AfterAnswerQueue;

  freshSalesforceEachTest(backend, (world) => {
    ({ database, emulator, desk, ctx, afterAnswer } = world);
  });

  const dispatch = (options: { deadline?: number; batchSize?: number } = {}) =>
    dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock, ...options });
  const submit = async (tenantId = 'league', concurrent = 160) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Drive' }));
  const operationsOf = (requestId: string) =>
    database.db.select().from(caseOperations).where(eq(caseOperations.requestId, requestId)).orderBy(asc(caseOperations.id));

  it('answers 100 requests at once while Salesforce fails every call, and later opens exactly one case for each', async () => {
    await database.db.insert(tenants).values(
      Array.from({ length: 100 }, (_, i) => ({
        id: `drive-${i}`,
        name: `Drive customer ${i}`,
        parentId: 'classics',
        personalConnectionEnabled: true,
        accountRepEmail: REP,
        concurrent: 100,
        outbound: 50,
        agentless: 20,
      })),
    );
    emulator.faults.failEveryCall(FAULTS.unavailable);

    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => submit(`drive-${i}`, 110)));

    // Answered without a single call to Salesforce: the case work waits until after the answer.
    expect(emulator.calls.total()).toBe(0);
    expect(answers.every((answer) => answer.status === 'approved' && answer.caseNumber === null)).toBe(true);
    const [stored] = await database.db.select({ n: count() }).from(changeRequests).where(eq(changeRequests.status, 'approved'));
    expect(stored!.n).toBe(100);

    // After the answers each request tries its case once; Salesforce is down, sign-in included.
    await afterAnswer.runAll();
    expect(emulator.calls.get('POST /services/oauth2/token')).toBeGreaterThan(0);
    expect(emulator.org.table('Case').size).toBe(0);
    const opens = await database.db.select().from(caseOperations).where(eq(caseOperations.kind, 'open'));
    expect(opens).toHaveLength(100);
    expect(opens.every((op) => op.state === 'pending' && op.attempts === 1 && op.lastError === 'Salesforce sign-in failed (unknown_error).')).toBe(true);

    // Salesforce comes back slowly: ten cases get opened there, but their answers are lost to timeouts.
    emulator.faults.recover();
    const impatient = salesforceDeskFor(emulator, { timeoutMs: 50 });
    await impatient.readCases(['500000000000000AAA']); // signed in before Salesforce slows down
    emulator.faults.latencyMs = 150;
    ctx.clockControl.advance(HOUR);
    ctx.caseDesk = impatient;
    await dispatch({ batchSize: 10, deadline: Date.now() + 1 });
    // Salesforce applies the ten calls after SSPM has given up on them.
    await waitFor(() => emulator.org.table('Case').size >= 10, 'Salesforce to apply the calls SSPM gave up on');
    expect(emulator.org.table('Case').size).toBe(10);

    emulator.faults.latencyMs = 0;
    ctx.caseDesk = desk;
    ctx.clockControl.advance(2 * HOUR);
    const report = await dispatch();
    expect(report).toEqual({ sent: 200, retrying: 0, failed: 0 });

    const cases = [...emulator.org.table('Case').values()];
    expect(cases).toHaveLength(100);
    const requests = await database.db.select().from(changeRequests);
    const byExternalId = new Map(cases.map((kase) => [kase.SSPM_Request_Id__c, kase]));
    expect(byExternalId.size).toBe(100);
    for (const request of requests) {
      const kase = byExternalId.get(request.id);
      expect(kase).toMatchObject({ CaseNumber: request.caseNumber, Id: request.caseId, Status: 'Approved', IsClosed: true });
    }
  });

  it('renews an expired session once, transparently, and records no failed attempt', async () => {
    await submit();
    await afterAnswer.runAll();
    emulator.expireSessions();
    const second = await submit('blakeney', 60);
    await afterAnswer.runAll();

    expect(emulator.calls.get('POST /services/oauth2/token')).toBe(2);
    const operations = await operationsOf(second.id);
    expect(operations.map((op) => [op.kind, op.state, op.attempts])).toEqual([
      ['open', 'sent', 1],
      ['close', 'sent', 1],
    ]);
    expect(emulator.org.caseByExternalId(second.id)).toMatchObject({ Status: 'Approved' });
  });

  it('retries a rate-limited call later, with backoff, not at once', async () => {
    emulator.faults.failNext(1, FAULTS.rateLimited);
    const request = await submit();
    await afterAnswer.runAll();

    const [open] = await operationsOf(request.id);
    expect(open).toMatchObject({ state: 'pending', attempts: 1 });
    expect(open!.lastError).toContain('REQUEST_LIMIT_EXCEEDED');
    const waitMs = open!.nextAttemptAt.getTime() - ctx.clock().getTime();
    expect(waitMs).toBeGreaterThanOrEqual(2_500);
    expect(waitMs).toBeLessThanOrEqual(7_500);

    const callsBefore = emulator.calls.total();
    expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(emulator.calls.total()).toBe(callsBefore);

    ctx.clockControl.advance(10_000);
    expect(await dispatch()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(emulator.org.table('Case').size).toBe(1);
    const stored = (await database.db.select().from(changeRequests).where(eq(changeRequests.id, request.id)))[0]!;
    expect(stored.caseNumber).toBe(emulator.org.caseByExternalId(request.id)!.CaseNumber);
  });

  it('flags a permanent error for reps and never retries that message, nor the ones after it', async () => {
    // The integration user lost access to the Description field: Salesforce answers INVALID_FIELD.
    emulator.org.hideField('Case', 'Description');
    const request = await submit();
    await afterAnswer.runAll();

    const [open, close] = await operationsOf(request.id);
    expect(open).toMatchObject({ kind: 'open', state: 'failed', attempts: 1 });
    expect(open!.lastError).toBe("Salesforce INVALID_FIELD: No such column 'Description' on sobject of type Case");
    expect(close).toMatchObject({ kind: 'close', state: 'pending', attempts: 0 });

    const callsBefore = emulator.calls.total();
    ctx.clockControl.advance(48 * HOUR);
    expect(await dispatch()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(emulator.calls.total()).toBe(callsBefore);

    const rep = await ctx.callerFor(REP);
    expect(await countStuckCaseOperationsForRep(ctx, rep)).toBe(1);
    const views = await listCaseOperationsForRep(ctx, rep, request.id);
    expect(views.map((view) => [view.kind, view.state])).toEqual([
      ['open', 'failed'],
      ['close', 'queued'],
    ]);
    expect(views[0]!.lastError).toContain('INVALID_FIELD');
  });

  it('shows case operations and their errors to reps only', async () => {
    const request = await submit();
    const percy = await ctx.callerFor(PERCY);
    await expect(listCaseOperationsForRep(ctx, percy, request.id)).rejects.toBeInstanceOf(AppError);
    await expect(countStuckCaseOperationsForRep(ctx, percy)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('counts a message retrying after an error as stuck, and a sent one no longer', async () => {
    emulator.faults.failNext(1, FAULTS.serverError);
    await submit();
    await afterAnswer.runAll();
    const rep = await ctx.callerFor(REP);
    expect(await countStuckCaseOperationsForRep(ctx, rep)).toBe(1);

    ctx.clockControl.advance(HOUR);
    await dispatch();
    expect(await countStuckCaseOperationsForRep(ctx, rep)).toBe(0);
  });
});
