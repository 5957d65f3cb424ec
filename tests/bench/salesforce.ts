// `npm run bench:salesforce`: what the Salesforce integration costs, measured against the emulator
// on PGlite and (when SSPM_TEST_POSTGRES_URL is set) PostgreSQL. Numbers, not pass/fail.
//   1. API calls per auto-approved request, the sign-in amortised (target: at most 3).
//   2. One sync over 10,000 open requests: API calls used (target: at most 60) and seconds taken,
//      with no decision in Salesforce, with 1% of the cases decided there, and with 150 ms added to
//      every call (closer to a real org's answer times than the emulator's).
//   3. Closings whose answer was lost (Salesforce applied them, the connection dropped), retried by
//      the outbox: API calls per retry (the look for the comment's marker) and closings posted twice
//      (target: none).
import { eq } from 'drizzle-orm';
import { changeRequests, tenants } from '@/db/schema';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';
import { createRequestSchema, decisionSchema } from '@/lib/validation/request';
import { AfterAnswerQueue, salesforceDeskFor } from '../support/salesforce';
import { startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type Backend, createTestDatabase } from '../support/test-db';
import { PERCY, REP, createTestContext } from '../support/use-case-context';

const AUTO_APPROVED = 500;
const OPEN_REQUESTS = 10_000;

async function insertTenants(db: Awaited<ReturnType<typeof createTestDatabase>>['db'], prefix: string, count: number) {
  for (let offset = 0; offset < count; offset += 1_000) {
    await db.insert(tenants).values(
      Array.from({ length: Math.min(1_000, count - offset) }, (_, j) => ({
        id: `${prefix}-${offset + j}`,
        name: `Bench ${offset + j}`,
        parentId: 'classics',
        accountRepEmail: REP,
        concurrent: 100,
      })),
    );
  }
}

async function callsPerAutoApprovedRequest(backend: Backend) {
  const database = await createTestDatabase(backend);
  const emulator = await startSalesforceEmulator();
  try {
    await insertTenants(database.db, 'auto', AUTO_APPROVED);
    const afterAnswer = new AfterAnswerQueue();
    const ctx = { ...createTestContext(database), caseDesk: salesforceDeskFor(emulator), afterAnswer: afterAnswer.schedule };
    const percy = await ctx.callerFor(PERCY);
    const started = performance.now();
    for (let i = 0; i < AUTO_APPROVED; i += 1) {
      await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: `auto-${i}`, changes: { concurrent: 110 }, reason: 'Bench' }));
      await afterAnswer.runAll(); // what after() does once the answer is out
    }
    const seconds = (performance.now() - started) / 1000;
    const closed = [...emulator.org.table('Case').values()].filter((kase) => kase.IsClosed).length;
    return { requests: AUTO_APPROVED, closed, calls: emulator.calls.total(), perRequest: emulator.calls.total() / AUTO_APPROVED, byEndpoint: emulator.calls.snapshot(), seconds };
  } finally {
    await emulator.stop();
    await database.dispose();
  }
}

async function syncOverOpenRequests(backend: Backend, decidedShare: number, latencyMs = 0) {
  const database = await createTestDatabase(backend);
  const emulator = await startSalesforceEmulator();
  try {
    await insertTenants(database.db, 'open', OPEN_REQUESTS);
    // Cases made in the emulator directly (no API call): the state after months of normal use.
    for (let offset = 0; offset < OPEN_REQUESTS; offset += 1_000) {
      await database.db.insert(changeRequests).values(
        Array.from({ length: 1_000 }, (_, j) => {
          const kase = emulator.org.createCase({ Subject: `Bench ${offset + j}` });
          return {
            tenantId: `open-${offset + j}`,
            status: 'in_review' as const,
            changes: { concurrent: { from: 100, to: 900 } },
            concurrentDelta: 800,
            reason: 'Bench',
            justification: 'Bench',
            requestedBy: PERCY,
            caseId: kase.Id,
            caseNumber: String(kase.CaseNumber),
          };
        }),
      );
    }
    const decided = Math.round(OPEN_REQUESTS * decidedShare);
    const cases = [...emulator.org.table('Case').values()];
    for (let i = 0; i < decided; i += 1) emulator.org.decideInUi(cases[i * Math.floor(OPEN_REQUESTS / Math.max(1, decided))]!.Id, 'Approved', { email: REP });

    // A fresh instance: its first call signs in, and that call is counted.
    emulator.faults.latencyMs = latencyMs;
    const ctx = { ...createTestContext(database), caseDesk: salesforceDeskFor(emulator) };
    const report = await runSalesforceSync(ctx, { budgetMs: 120_000 });
    const stillInReview = await database.db.$count(changeRequests, eq(changeRequests.status, 'in_review'));
    return { decided, latencyMs, report, stillInReview, byEndpoint: emulator.calls.snapshot(), emulatorCalls: emulator.calls.total() };
  } finally {
    await emulator.stop();
    await database.dispose();
  }
}

const RETRIED_CLOSINGS = 100;

async function retriedClosings(backend: Backend) {
  const database = await createTestDatabase(backend);
  const emulator = await startSalesforceEmulator();
  try {
    await insertTenants(database.db, 'lost', RETRIED_CLOSINGS);
    const afterAnswer = new AfterAnswerQueue();
    const ctx = { ...createTestContext(database), caseDesk: salesforceDeskFor(emulator), afterAnswer: afterAnswer.schedule };
    const [percy, rep] = [await ctx.callerFor(PERCY), await ctx.callerFor(REP)];
    const log = console.error;
    console.error = () => {}; // the outbox logs each lost answer; a hundred of them say nothing here
    try {
      for (let i = 0; i < RETRIED_CLOSINGS; i += 1) {
        const input = { tenantId: `lost-${i}`, changes: { concurrent: 900 }, reason: 'Bench', justification: 'Bench' };
        const request = await submitRequest(ctx, percy, createRequestSchema.parse(input));
        await afterAnswer.runAll(); // the case opens
        emulator.faults.loseNextAnswers(1, { how: 'drop' });
        await decideRequest(ctx, rep, request.id, decisionSchema.parse({ decision: 'reject', comment: 'Bench' }));
        await afterAnswer.runAll(); // the closing is applied, its answer lost
      }
    } finally {
      console.error = log;
    }
    ctx.clockControl.advance(24 * 60 * 60 * 1000);
    emulator.calls.reset();
    const report = await dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock });
    const postedTwice = [...emulator.org.table('Case').values()].filter(
      (kase) => emulator.org.commentsOf(kase.Id).filter((comment) => String(comment.CommentBody).startsWith('Rejected by')).length > 1,
    ).length;
    return { retried: report.sent, perRetry: emulator.calls.total() / Math.max(1, report.sent), byEndpoint: emulator.calls.snapshot(), postedTwice };
  } finally {
    await emulator.stop();
    await database.dispose();
  }
}

for (const backend of BACKENDS) {
  console.log(`\n## ${backend}`);
  const auto = await callsPerAutoApprovedRequest(backend);
  console.log(
    `auto-approved requests: ${auto.requests}, cases closed: ${auto.closed}, Salesforce calls: ${auto.calls} ` +
      `→ ${auto.perRequest.toFixed(3)} per request (target ≤ 3); ${auto.seconds.toFixed(1)} s`,
  );
  console.log(`  by endpoint: ${JSON.stringify(auto.byEndpoint)}`);
  for (const [share, latencyMs] of [[0, 0], [0.01, 0], [0, 150]] as const) {
    const sync = await syncOverOpenRequests(backend, share, latencyMs);
    const { report } = sync;
    console.log(
      `sync over ${OPEN_REQUESTS.toLocaleString('en-US')} open requests, ${sync.decided} decided in Salesforce, ` +
        `${sync.latencyMs} ms added per call: ` +
        `API calls ${report.apiCalls} (emulator saw ${sync.emulatorCalls}; target ≤ 60 without decisions), ` +
        `${report.seconds.toFixed(2)} s, cases read ${report.casesRead}, decisions applied ${report.decisionsApplied}, ` +
        `closings sent ${report.messagesSent}, complete ${report.complete}, still in review ${sync.stillInReview}`,
    );
    console.log(`  by endpoint: ${JSON.stringify(sync.byEndpoint)}`);
  }
  const lost = await retriedClosings(backend);
  console.log(
    `closings retried after a lost answer: ${lost.retried}, API calls per retry ${lost.perRetry.toFixed(3)}, ` +
      `closings posted twice ${lost.postedTwice} (target 0)`,
  );
  console.log(`  by endpoint: ${JSON.stringify(lost.byEndpoint)}`);
}
