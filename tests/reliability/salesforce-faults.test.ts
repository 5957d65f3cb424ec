// Scenario 4: Salesforce (the emulator) down, rate-limited, expiring its sessions, and slow beyond
// the app's timeout (the call still applied, late). Requests submitted through each fault must
// answer as fast as when Salesforce is healthy; once it recovers, the scheduled sync drains the
// outbox and every request has exactly one case, closed iff the request is final, with no comment
// sent twice.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Answer, callApi, callCron } from '../support/api-calls';
import { type AppProcess, CRON_SECRET, sharedAuthSecret, startApp } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { markdownTable, percentile, report } from '../support/reliability-report';
import { PERCY, REP, insertCustomerTenants, pendingOperations } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { FAULTS } from '../support/salesforce-emulator/faults';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';
import { waitFor } from '../support/wait-for';

const SCENARIO = 'salesforce-faults';
const PER_PHASE = 10;
/** Beyond the app's Salesforce timeout (10 s, lib/salesforce/salesforce-session.ts). */
const SLOW_MS = 12_000;
const FINAL = ['approved', 'rejected', 'cancelled', 'reverted'];

type Phase = 'healthy' | 'down' | 'rate-limited' | 'session expiring' | 'slow';

describeReliability('Salesforce failing in every way it does, under the built app', () => {
  let database: ScratchDatabase;
  let emulator: SalesforceEmulator;
  let app: AppProcess;
  let percy: HttpSession;
  let rep: HttpSession;
  let tenants: string[];
  let nextTenant = 0;
  const submitted: { id: string; phase: Phase; status: string }[] = [];
  const latencies: Record<Phase, number[]> = { healthy: [], down: [], 'rate-limited': [], 'session expiring': [], slow: [] };

  beforeAll(async () => {
    requirePostgresUrl();
    database = await createScratchDatabase();
    emulator = await startSalesforceEmulator();
    app = await startApp({ env: { DATABASE_URL: database.url, AUTH_SECRET: sharedAuthSecret(), ...emulator.env() } });
    tenants = await insertCustomerTenants(database.sql, 'sf', PER_PHASE * 5 + 2);
    percy = new HttpSession(app.url);
    await percy.signInWithDemo(PERCY);
    rep = new HttpSession(app.url);
    await rep.signInWithDemo(REP);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  /** PER_PHASE submissions, one after the other, alternating auto-approved (+10) and in review (+200). */
  async function submitPhase(phase: Phase, before?: () => void): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (let index = 0; index < PER_PHASE; index += 1) {
      before?.();
      const tenantId = tenants[nextTenant++]!;
      const body =
        index % 2 === 0
          ? { tenantId, changes: { concurrent: 110 }, reason: `${phase} ${index}` }
          : { tenantId, changes: { concurrent: 300 }, reason: `${phase} ${index}`, justification: 'Season peak' };
      const answer = await callApi(percy, '/api/v1/requests', { method: 'POST', origin: app.url, body, timeoutMs: 30_000 });
      answers.push(answer);
      latencies[phase].push(answer.status === 201 ? answer.ms : Number.POSITIVE_INFINITY);
      if (answer.status === 201) submitted.push({ id: answer.json.id, phase, status: answer.json.status });
    }
    return answers;
  }

  const caseOf = (requestId: string) => [...emulator.org.table('Case').values()].filter((record) => record.SSPM_Request_Id__c === requestId);

  it('answers submissions as fast with Salesforce down, rate-limited, expiring sessions or slow beyond the timeout as with Salesforce healthy', async () => {
    // Two unmeasured submissions first: the healthy figures should not carry the server's warm-up.
    for (const tenantId of tenants.splice(0, 2)) {
      await callApi(percy, '/api/v1/requests', { method: 'POST', origin: app.url, body: { tenantId, changes: { concurrent: 110 }, reason: 'Warm-up' } });
    }
    await submitPhase('healthy');
    await waitFor(async () => (await pendingOperations(database.sql)) === 0, 'the healthy phase to reach Salesforce', { timeoutMs: 20_000, intervalMs: 100 });

    emulator.faults.failEveryCall(FAULTS.unavailable);
    await submitPhase('down');
    emulator.faults.recover();

    emulator.faults.failNext(10_000, FAULTS.rateLimited);
    await submitPhase('rate-limited');
    emulator.faults.recover();

    await submitPhase('session expiring', () => emulator.expireSessions());

    // Slow beyond the timeout: each call is applied, but only after the app stopped waiting. The
    // rep also decides three requests whose cases are open, so that closings time out too.
    const composites = emulator.calls.get('POST /composite');
    emulator.faults.latencyMs = SLOW_MS;
    await submitPhase('slow');
    const toDecide = submitted.filter((request) => request.phase === 'healthy' && request.status === 'in_review').slice(0, 3);
    const decisions = [];
    for (const request of toDecide) {
      decisions.push(await callApi(rep, `/api/v1/requests/${request.id}/decision`, { method: 'POST', origin: app.url, body: { decision: 'approve', comment: 'Fine' }, timeoutMs: 30_000 }));
    }
    // Every slow call has reached the emulator before it recovers (calls already in it stay slow).
    await waitFor(() => emulator.calls.get('POST /composite') >= composites + PER_PHASE + toDecide.length, 'the slow calls to arrive', { timeoutMs: 15_000 }).catch(() => {});
    emulator.faults.recover();

    const rows = (Object.keys(latencies) as Phase[]).map((phase) => ({
      phase,
      answered: latencies[phase].filter(Number.isFinite).length,
      p50ms: percentile(latencies[phase], 50),
      p95ms: percentile(latencies[phase], 95),
      maxMs: Math.max(...latencies[phase]),
    }));
    const decideMs = decisions.map((answer) => answer.ms);
    report(
      SCENARIO,
      'answer time by Salesforce fault',
      { phases: rows, repDecisionsWhileSlow: decisions.map((answer) => ({ status: answer.status, ms: answer.ms })) },
      `${markdownTable(rows)}\n\nrep's decisions while Salesforce is slow: ${decisions.map((answer) => `${answer.status} in ${answer.ms} ms`).join(', ')}`,
    );
    const healthyP95 = percentile(latencies.healthy, 95);
    for (const row of rows) {
      expect(row.answered, `${row.phase}: every submission answered 201`).toBe(PER_PHASE);
      expect(row.p95ms, `${row.phase}: p95 ${row.p95ms} ms against ${healthyP95} ms healthy`).toBeLessThanOrEqual(Math.max(2 * healthyP95, healthyP95 + 500));
    }
    expect(decisions.map((answer) => answer.status)).toEqual(toDecide.map(() => 200));
    expect(Math.max(...decideMs)).toBeLessThan(Math.max(2 * healthyP95, healthyP95 + 500));
  });

  it('drains the outbox once Salesforce recovers: every request has exactly one case, closed iff the request is final, and no comment twice', async () => {
    // Two cases decided by a rep in Salesforce itself; the sync brings the decisions back.
    const inSalesforce = submitted.filter((request) => request.phase === 'healthy' && request.status === 'in_review').slice(3, 5);
    for (const request of inSalesforce) {
      const [kase] = caseOf(request.id);
      if (kase) emulator.org.decideInUi(kase.Id, 'Approved', { email: REP, comment: 'Approved in Salesforce' });
    }
    // Calls applied late land up to SLOW_MS after they were sent.
    const started = performance.now();
    const runs: { status: number; ms: number; sent: number; retrying: number }[] = [];
    await waitFor(
      async () => {
        const answer = await callCron(app.url, 'salesforce-sync', CRON_SECRET, 20_000);
        runs.push({ status: answer.status, ms: answer.ms, sent: answer.json?.messagesSent, retrying: answer.json?.messagesRetrying });
        const [stats] = await database.sql<{ pending: string; failed: string }>(
          `select count(*) filter (where state = 'pending')::text as pending, count(*) filter (where state = 'failed')::text as failed from case_operations`,
        );
        const inReviewDecided = await database.sql(`select 1 from change_requests where id = any($1::uuid[]) and status = 'in_review'`, [inSalesforce.map((request) => request.id)]);
        return stats?.pending === '0' && inReviewDecided.length === 0 && performance.now() - started > SLOW_MS;
      },
      'the outbox to drain',
      { timeoutMs: 90_000, intervalMs: 1_000 },
    ).catch(() => {});
    const drainMs = Math.round(performance.now() - started);

    const requests = await database.sql<{ id: string; status: string; case_number: string | null; decided_by: string | null }>('select id, status, case_number, decided_by from change_requests');
    const [outbox] = await database.sql<{ pending: string; failed: string }>(
      `select count(*) filter (where state = 'pending')::text as pending, count(*) filter (where state = 'failed')::text as failed from case_operations`,
    );
    const violations: string[] = [];
    for (const request of requests) {
      const cases = caseOf(request.id);
      if (cases.length !== 1) {
        violations.push(`request ${request.id} (${request.status}) has ${cases.length} cases`);
        continue;
      }
      const kase = cases[0]!;
      if (kase.CaseNumber !== request.case_number) violations.push(`request ${request.id} names case ${request.case_number}, its case is ${kase.CaseNumber}`);
      if (Boolean(kase.IsClosed) !== FINAL.includes(request.status)) violations.push(`request ${request.id} is ${request.status} but its case is ${kase.IsClosed ? 'closed' : 'open'} (${kase.Status})`);
      const ours = emulator.org.commentsOf(kase.Id).filter((comment) => comment.CreatedById === emulator.org.integrationUserId).map((comment) => String(comment.CommentBody));
      const twice = ours.filter((body, index) => ours.indexOf(body) !== index);
      if (twice.length > 0) violations.push(`case ${kase.CaseNumber} of request ${request.id} has a comment twice: ${JSON.stringify(twice[0]).slice(0, 120)}`);
    }
    const decidedInSalesforce = requests.filter((request) => inSalesforce.some((decided) => decided.id === request.id));
    report(
      SCENARIO,
      'recovery',
      { requests: requests.length, cases: emulator.org.table('Case').size, outbox, syncRuns: runs.length, drainMs, runs, violations, decidedInSalesforce, calls: emulator.calls.snapshot() },
      `${requests.length} requests, ${emulator.org.table('Case').size} cases; outbox pending ${outbox?.pending}, failed ${outbox?.failed} after ${runs.length} sync runs (${drainMs} ms); violations: ${violations.length}${violations.length ? `\n\n- ${violations.slice(0, 10).join('\n- ')}` : ''}`,
    );
    expect(runs.filter((run) => run.status !== 200)).toEqual([]);
    expect(outbox).toEqual({ pending: '0', failed: '0' });
    expect(violations).toEqual([]);
    expect(decidedInSalesforce.map((request) => [request.status, request.decided_by])).toEqual(inSalesforce.map(() => ['approved', `salesforce:${REP}`]));
  });
});
