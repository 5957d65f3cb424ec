import { asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseOperations, changeRequests, tenants } from '@/db/schema';
import { AppError } from '@/lib/domain/errors';
import { addInformation } from '@/lib/requests/add-information';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { countStuckCaseOperationsForRep, listCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import type { JsforceCaseDesk } from '@/lib/salesforce/jsforce-case-desk';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { addInformationSchema, createRequestSchema, decisionSchema } from '@/lib/validation/request';
import { type AfterAnswerQueue, freshSalesforceEachTest, salesforceDeskFor } from '../support/salesforce';
import { type AnswerLoss, FAULTS } from '../support/salesforce-emulator/faults';
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
    // One batch: ten timeouts take 500 ms, past the deadline. (Date.now() + 1 was crossed before the
    // first claim now and then, on a busy machine, and nothing was sent at all.)
    await dispatch({ batchSize: 10, deadline: Date.now() + 200 });
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

  describe('reliability item 4: every case operation is idempotent end to end', () => {
    /** SSPM's own comments on a case (a rep's are left out), as reps read them in Salesforce. */
    const sspmComments = (caseId: string) =>
      emulator.org
        .commentsOf(caseId)
        .filter((comment) => comment.CreatedById === emulator.org.integrationUserId)
        .map((comment) => String(comment.CommentBody));
    const stored = async (id: string) => (await database.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]!;
    const lastOperation = async (requestId: string) => (await operationsOf(requestId)).at(-1)!;

    /** Over the threshold: with a justification straight to review, without one waiting for information. */
    const overThreshold = async (justification?: string) => {
      const request = await submitRequest(
        ctx,
        await ctx.callerFor(PERCY),
        createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'Membership drive', justification }),
      );
      await afterAnswer.runAll();
      expect((await stored(request.id)).caseId).not.toBeNull();
      return request;
    };

    /**
     * The next call's answer gets lost in one of three ways, and Salesforce has applied it each time:
     * it holds the answer until SSPM gives up ('hang'), the connection drops ('drop'), or it is so slow
     * that it applies the call after SSPM's timeout ('late'). 'refused' is the control: a 500, nothing
     * applied, so the retry must send it.
     */
    const ANSWER_LOSSES = ['hang', 'drop', 'late', 'refused'] as const;
    type Loss = (typeof ANSWER_LOSSES)[number];

    /** The use case's after-the-answer work on a desk with a short timeout, meeting the given loss. */
    async function sendLosingTheAnswer(loss: Loss, applied: () => boolean): Promise<void> {
      const impatient = salesforceDeskFor(emulator, { timeoutMs: 500 });
      if (loss === 'late') {
        await impatient.readCases(['500000000000000AAA']); // signed in before Salesforce slows down
        emulator.faults.latencyMs = 1_000;
      } else if (loss === 'refused') emulator.faults.failNext(1, FAULTS.serverError);
      else emulator.faults.loseNextAnswers(1, { how: loss satisfies AnswerLoss });
      ctx.caseDesk = impatient;
      await afterAnswer.runAll();
      if (loss === 'late') await waitFor(applied, 'Salesforce to apply the call SSPM gave up on');
      expect(applied()).toBe(loss !== 'refused');
      emulator.faults.recover();
      ctx.caseDesk = desk;
      ctx.clockControl.advance(HOUR);
    }

    it.each(ANSWER_LOSSES)(
      'reliability item 4: a close whose answer was lost (%s) and is retried leaves one closing comment and one status change',
      async (loss) => {
        const request = await overThreshold('Drive expects 380 calls');
        const caseId = (await stored(request.id)).caseId!;
        const rep = await ctx.callerFor(REP);
        await decideRequest(ctx, rep, request.id, decisionSchema.parse({ decision: 'approve', comment: 'Go ahead.' }));
        const close = await lastOperation(request.id);
        expect(close).toMatchObject({ kind: 'close', state: 'pending', attempts: 0 });

        await sendLosingTheAnswer(loss, () => emulator.org.findRecord('Case', caseId)!.Status === 'Approved');
        expect(await lastOperation(request.id)).toMatchObject({ state: 'pending', attempts: 1 });
        const [composites, queries] = [emulator.calls.get('POST /composite'), emulator.calls.get('GET /query')];

        expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });

        const closings = sspmComments(caseId).filter((body) => body.startsWith('Approved by'));
        expect(closings).toHaveLength(1);
        expect(closings[0]).toMatch(new RegExp(`^Approved by rep@ops\\.example \\(.*150 → 400\\): Go ahead\\.\\n\\[SSPM #${close.id}\\]$`));
        expect(emulator.org.statusWritesOf(caseId)).toEqual([{ status: 'Approved', by: emulator.org.integrationUserId }]);
        // The retry looked first (one query), and sent the closing again only if it was not there.
        expect(emulator.calls.get('GET /query') - queries).toBe(1);
        expect(emulator.calls.get('POST /composite') - composites).toBe(loss === 'refused' ? 1 : 0);
        expect(await lastOperation(request.id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
        expect(emulator.org.findRecord('Case', caseId)).toMatchObject({ Status: 'Approved', IsClosed: true });
        expect(await stored(request.id)).toMatchObject({ status: 'approved', caseNumber: emulator.org.caseByExternalId(request.id)!.CaseNumber });
      },
    );

    it.each(ANSWER_LOSSES)('reliability item 4: a comment whose answer was lost (%s) and is retried is posted once', async (loss) => {
      const request = await overThreshold();
      const caseId = (await stored(request.id)).caseId!;
      await addInformation(ctx, await ctx.callerFor(PERCY), request.id, addInformationSchema.parse({ justification: 'Drive expects 380 calls' }));
      const comment = await lastOperation(request.id);
      expect(comment).toMatchObject({ kind: 'comment', attempts: 0 });

      await sendLosingTheAnswer(loss, () => sspmComments(caseId).length > 0);
      expect(await dispatch()).toEqual({ sent: 1, retrying: 0, failed: 0 });

      expect(sspmComments(caseId)).toEqual([`More information from ${PERCY}: Drive expects 380 calls\n[SSPM #${comment.id}]`]);
      expect(emulator.org.statusWritesOf(caseId)).toEqual([]);
      expect(await stored(request.id)).toMatchObject({ status: 'in_review' });
    });

    it('reliability item 4: a request whose every case call loses its answer once ends with one case, each comment once and one closing', async () => {
      const impatient = salesforceDeskFor(emulator, { timeoutMs: 500 });
      ctx.caseDesk = impatient;
      const retryAll = async () => {
        ctx.clockControl.advance(HOUR);
        expect(await dispatch()).toMatchObject({ retrying: 0, failed: 0 });
      };

      emulator.faults.loseNextAnswers(1, { endpoint: /^POST \/composite$/ });
      const request = await submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'Drive' }));
      await afterAnswer.runAll();
      await retryAll();
      const caseId = (await stored(request.id)).caseId!;

      emulator.faults.loseNextAnswers(1, { how: 'drop' });
      await addInformation(ctx, await ctx.callerFor(PERCY), request.id, addInformationSchema.parse({ justification: 'Drive expects 380 calls' }));
      await afterAnswer.runAll();
      await retryAll();

      emulator.faults.loseNextAnswers(1);
      await decideRequest(ctx, await ctx.callerFor(REP), request.id, decisionSchema.parse({ decision: 'reject', comment: 'Not this month.' }));
      await afterAnswer.runAll();
      await retryAll();

      const operations = await operationsOf(request.id);
      expect(operations.map((op) => [op.kind, op.state, op.attempts])).toEqual([
        ['open', 'sent', 2],
        ['comment', 'sent', 2],
        ['close', 'sent', 2],
      ]);
      expect(emulator.org.table('Case').size).toBe(1);
      expect(sspmComments(caseId)).toEqual([
        `More information from ${PERCY}: Drive expects 380 calls\n[SSPM #${operations[1]!.id}]`,
        expect.stringMatching(new RegExp(`^Rejected by rep@ops\\.example .*: Not this month\\.\\n\\[SSPM #${operations[2]!.id}\\]$`)),
      ]);
      expect(emulator.org.statusWritesOf(caseId)).toEqual([{ status: 'Rejected', by: emulator.org.integrationUserId }]);
      expect(await stored(request.id)).toMatchObject({ status: 'rejected', caseId, caseNumber: emulator.org.findRecord('Case', caseId)!.CaseNumber });
      expect((await desk.readCases([caseId]))[0]).toMatchObject({ status: 'Rejected', decision: 'reject', comment: null });
    });

    it('reliability item 4: a first attempt costs no extra call; only a retry reads the case comments first', async () => {
      const request = await overThreshold('Drive expects 380 calls');
      emulator.calls.reset();
      await decideRequest(ctx, await ctx.callerFor(REP), request.id, decisionSchema.parse({ decision: 'approve', comment: '' }));
      await afterAnswer.runAll();
      expect(emulator.calls.snapshot()).toEqual({ 'POST /composite': 1 });
    });
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
