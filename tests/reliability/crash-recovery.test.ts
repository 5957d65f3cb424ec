// Scenario 2: an instance SIGKILLed in the middle of 200 submissions (each for its own tenant), on
// PostgreSQL and on the embedded PGlite (whose data directory must survive), then restarted: what
// was answered 201 is there, and audit, statuses, limits and the case outbox replay consistently.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Answer, callApi, callCron, runPool } from '../support/api-calls';
import { type AppProcess, CRON_SECRET, sharedAuthSecret, startApp } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { report, tally } from '../support/reliability-report';
import { PERCY, insertCustomerTenants, makeOutboxDue, pendingOperations } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { type Sql, checkRequestInvariants } from '../support/request-invariants';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';
import { waitFor } from '../support/wait-for';

const SCENARIO = 'crash-recovery';
const SUBMISSIONS = 200;
const INITIAL = { concurrent: 100, outbound: 0, agentless: 0 };

/** Auto-approved (+50), waiting for information (+200), or in review (+200 with a justification). */
function submissionFor(index: number, tenantId: string) {
  const kind = index % 4;
  if (kind < 2) return { tenantId, changes: { concurrent: 150 }, reason: `Crash test ${index}` };
  if (kind === 2) return { tenantId, changes: { concurrent: 300 }, reason: `Crash test ${index}` };
  return { tenantId, changes: { concurrent: 300 }, reason: `Crash test ${index}`, justification: 'Season peak' };
}

type Run = { answers: (Answer | null)[]; killedAfterAnswers: number; killedAtMs: number };

/**
 * Sends the submissions `concurrency` at a time and SIGKILLs the server once `killAfter` of them
 * have been answered; submissions not yet sent by then are not sent (null).
 */
async function submitAndKill(app: AppProcess, session: HttpSession, tenants: string[], options: { concurrency: number; killAfter: number }): Promise<Run> {
  const started = performance.now();
  let answered = 0;
  let killed: Promise<void> | null = null;
  let killedAtMs = 0;
  const answers = await runPool<Answer | null>(tenants.length, options.concurrency, async (index) => {
    if (killed) return null;
    const answer = await callApi(session, '/api/v1/requests', { method: 'POST', origin: app.url, body: submissionFor(index, tenants[index]!), timeoutMs: 30_000 });
    answered += 1;
    if (answered >= options.killAfter && !killed) {
      killedAtMs = Math.round(performance.now() - started);
      killed = app.kill('SIGKILL');
    }
    return answer;
  });
  await killed;
  return { answers, killedAfterAnswers: options.killAfter, killedAtMs };
}

/** Each request's local case: one, closed iff the request is final, with no comment twice. */
async function checkLocalCases(sql: Sql): Promise<string[]> {
  const rows = await sql<{ id: string; status: string; case_number: string | null; local_number: string | null; closed: boolean | null; comments: { body: string }[] | null }>(
    `select r.id, r.status, r.case_number, c.case_number as local_number, c.closed_at is not null as closed, c.comments
       from change_requests r left join local_cases c on c.external_id = r.id::text`,
  );
  const violations: string[] = [];
  for (const row of rows) {
    if (!row.local_number) {
      violations.push(`request ${row.id} has no case`);
      continue;
    }
    if (row.case_number !== row.local_number) violations.push(`request ${row.id} names case ${row.case_number}, its case is ${row.local_number}`);
    const final = ['approved', 'rejected', 'cancelled', 'reverted'].includes(row.status);
    if (Boolean(row.closed) !== final) violations.push(`request ${row.id} is ${row.status} but its case is ${row.closed ? 'closed' : 'open'}`);
    const bodies = (row.comments ?? []).map((comment) => comment.body);
    if (new Set(bodies).size !== bodies.length) violations.push(`case of request ${row.id} has a comment twice: ${JSON.stringify(bodies)}`);
  }
  return violations;
}

function summarise(run: Run) {
  const sent = run.answers.filter((answer): answer is Answer => answer !== null);
  const created = sent.filter((answer) => answer.status === 201);
  return {
    sent: sent.length,
    notSent: run.answers.length - sent.length,
    statuses: tally(sent.map((answer) => answer.status)),
    createdIds: created.map((answer) => answer.json.id as string),
    createdStatus: new Map(created.map((answer) => [answer.json.id as string, answer.json.status as string])),
  };
}

describeReliability('an instance killed (SIGKILL) in the middle of 200 submissions, then restarted', () => {
  describeReliability('on PostgreSQL', () => {
    let database: ScratchDatabase;
    let app: AppProcess | undefined;

    beforeAll(async () => {
      requirePostgresUrl();
      database = await createScratchDatabase();
    });
    afterAll(async () => {
      await app?.stop();
      await database?.drop();
    });

    it('keeps every submission answered 201, with audit, statuses, limits and outbox consistent, and the restarted instance finishes the outbox', async () => {
      const env = { DATABASE_URL: database.url, AUTH_SECRET: sharedAuthSecret() };
      app = await startApp({ env });
      const tenants = await insertCustomerTenants(database.sql, 'crash', SUBMISSIONS, INITIAL.concurrent);
      const percy = new HttpSession(app.url);
      await percy.signInWithDemo(PERCY);

      const run = await submitAndKill(app, percy, tenants, { concurrency: 8, killAfter: 80 });
      const { sent, notSent, statuses, createdIds, createdStatus } = summarise(run);

      const restartStarted = performance.now();
      app = await startApp({ env, port: app.port });
      const restartMs = Math.round(performance.now() - restartStarted);

      const stored = await database.sql<{ id: string }>('select id from change_requests');
      const invariants = await checkRequestInvariants(database.sql, {
        initialLimits: new Map(tenants.map((id) => [id, INITIAL])),
        requestIds: [...new Set([...createdIds, ...stored.map((row) => row.id)])],
      });
      const readBack = await runPool(createdIds.length, 8, async (index) => callApi(percy, `/api/v1/requests/${createdIds[index]}`));
      const readMismatches = readBack.filter((answer, index) => answer.status !== 200 || answer.json?.status !== createdStatus.get(createdIds[index]!));

      // What was mid-send when the process died stays leased for two minutes; make it due now.
      const pendingBefore = await pendingOperations(database.sql);
      await makeOutboxDue(database.sql);
      let cronRuns = 0;
      const drainStarted = performance.now();
      await waitFor(
        async () => {
          cronRuns += 1;
          await callCron(app!.url, 'salesforce-sync', CRON_SECRET, 15_000);
          return (await pendingOperations(database.sql)) === 0;
        },
        'the outbox to drain after the restart',
        { timeoutMs: 45_000, intervalMs: 500 },
      ).catch(() => {});
      const pendingAfter = await pendingOperations(database.sql);
      const caseViolations = await checkLocalCases(database.sql);

      report(
        SCENARIO,
        'PostgreSQL',
        { submissions: SUBMISSIONS, sent, notSent, statuses, killedAfterAnswers: run.killedAfterAnswers, killedAtMs: run.killedAtMs, created: createdIds.length, storedRequests: stored.length, restartMs, invariants, readMismatches: readMismatches.length, pendingBefore, pendingAfter, cronRuns, drainMs: Math.round(performance.now() - drainStarted), caseViolations },
        `${sent} sent (${JSON.stringify(statuses)}), SIGKILL after ${run.killedAfterAnswers} answers (${run.killedAtMs} ms); ${createdIds.length} answered 201, ${stored.length} stored; restart ${restartMs} ms; ` +
          `invariant violations ${invariants.violations.length}; read back ${readBack.length - readMismatches.length}/${readBack.length}; outbox ${pendingBefore} pending → ${pendingAfter} after ${cronRuns} sync runs; case violations ${caseViolations.length}`,
      );
      expect(invariants.violations).toEqual([]);
      expect(readMismatches).toEqual([]);
      expect(pendingAfter).toBe(0);
      expect(caseViolations).toEqual([]);
      expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    });
  });

  describeReliability('on PGlite (the embedded database)', () => {
    let dataRoot: string;
    let app: AppProcess | undefined;

    beforeAll(() => {
      dataRoot = mkdtempSync(path.join(tmpdir(), 'sspm-crash-'));
    });
    afterAll(async () => {
      await app?.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    });

    it('restarts on the same data directory after SIGKILL with every submission answered 201 there, and audit, statuses, limits and outbox consistent', async () => {
      const pgliteDir = path.join(dataRoot, 'pglite');
      // The tenants go in before the server owns the directory: PGlite is one process's database.
      const { openDatabase, migrateDatabase } = await import('@/db/client');
      const { seedDemoData } = await import('@/db/seed');
      const setup = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
      await migrateDatabase(setup);
      await seedDemoData(setup.db);
      const setupSql = pgliteSql(setup.db);
      const tenants = await insertCustomerTenants(setupSql, 'crash', SUBMISSIONS, INITIAL.concurrent);
      await setup.close();

      const env = { PGLITE_DIR: pgliteDir, AUTH_SECRET: sharedAuthSecret() };
      app = await startApp({ env });
      const percy = new HttpSession(app.url);
      await percy.signInWithDemo(PERCY);
      const run = await submitAndKill(app, percy, tenants, { concurrency: 4, killAfter: 60 });
      const { sent, notSent, statuses, createdIds, createdStatus } = summarise(run);

      const restartStarted = performance.now();
      let restartError: string | null = null;
      let readMismatches: Answer[] = [];
      try {
        app = await startApp({ env, port: app.port, timeoutMs: 60_000 });
        const readBack = await runPool(createdIds.length, 4, async (index) => callApi(percy, `/api/v1/requests/${createdIds[index]}`));
        readMismatches = readBack.filter((answer, index) => answer.status !== 200 || answer.json?.status !== createdStatus.get(createdIds[index]!));
        await app.stop();
      } catch (error) {
        restartError = (error as Error).message.slice(0, 2000);
      }
      const restartMs = Math.round(performance.now() - restartStarted);

      let invariants: Awaited<ReturnType<typeof checkRequestInvariants>> | null = null;
      let storedRequests = 0;
      let openError: string | null = null;
      if (!restartError) {
        try {
          const check = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
          const sql = pgliteSql(check.db);
          const stored = await sql<{ id: string }>('select id from change_requests');
          storedRequests = stored.length;
          invariants = await checkRequestInvariants(sql, {
            initialLimits: new Map(tenants.map((id) => [id, INITIAL])),
            requestIds: [...new Set([...createdIds, ...stored.map((row) => row.id)])],
          });
          await check.close();
        } catch (error) {
          openError = (error as Error).message;
        }
      }

      report(
        SCENARIO,
        'PGlite',
        { submissions: SUBMISSIONS, sent, notSent, statuses, killedAfterAnswers: run.killedAfterAnswers, killedAtMs: run.killedAtMs, created: createdIds.length, storedRequests, restartMs, restartError, openError, readMismatches: readMismatches.length, invariants },
        `${sent} sent (${JSON.stringify(statuses)}), SIGKILL after ${run.killedAfterAnswers} answers (${run.killedAtMs} ms); ${createdIds.length} answered 201, ${storedRequests} stored; ` +
          `restart ${restartError ? `FAILED: ${restartError.split('\n')[0]}` : `${restartMs} ms`}; read back mismatches ${readMismatches.length}; invariant violations ${invariants?.violations.length ?? 'n/a'}`,
      );
      expect(restartError).toBeNull();
      expect(openError).toBeNull();
      expect(readMismatches).toEqual([]);
      expect(invariants?.violations).toEqual([]);
      expect(Object.keys(statuses).filter((status) => Number(status) >= 500)).toEqual([]);
    });
  });
});

/** Plain SQL on a PGlite handle opened in this process. */
function pgliteSql(db: unknown): Sql {
  const client = (db as { $client: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> } }).$client;
  return async <Row,>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as Row[];
}
