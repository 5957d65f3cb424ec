// Scenario 5: each cron (Salesforce sync, temporary reverts, usage rollup) called five times at once,
// spread over three instances, one of which has a single pooled database connection (PG_POOL_MAX=1).
// No effect may happen twice or wrong (a case operation sent twice, a revert applied twice, a
// Salesforce decision applied twice, an hour of usage rolled up to another peak than its rows'), no
// call may lock up, and /api/health must stay responsive on every instance meanwhile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Answer, callApi, callCron } from '../support/api-calls';
import { type AppProcess, CRON_SECRET, probeHealth, sharedAuthSecret, spawnApp, waitUntilHealthy } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { markdownTable, report } from '../support/reliability-report';
import { PERCY, REP, insertCustomerTenants, makeOutboxDue, pendingOperations } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { checkRequestInvariants } from '../support/request-invariants';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { FAULTS } from '../support/salesforce-emulator/faults';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';
import { waitFor } from '../support/wait-for';

const SCENARIO = 'cron-concurrency';
const CALL_BOUND_MS = 10_000;
const HEALTH_BOUND_MS = 2_000;
const JOBS = ['salesforce-sync', 'revert-temporary', 'usage-rollup'] as const;
const FINAL = ['approved', 'rejected', 'cancelled', 'reverted'];

type CronCall = { job: string; instance: number; status: number; ms: number; ran: unknown };

describeReliability('each cron five times at once across three instances, one of them with PG_POOL_MAX=1', () => {
  let database: ScratchDatabase;
  let emulator: SalesforceEmulator;
  let apps: AppProcess[] = [];
  let percy: HttpSession;
  const temporary: string[] = [];
  const inReview: string[] = [];
  const burst: CronCall[] = [];
  const solo: CronCall[] = [];
  const health: { instance: number; status: number; ms: number }[] = [];

  beforeAll(async () => {
    requirePostgresUrl();
    database = await createScratchDatabase();
    emulator = await startSalesforceEmulator();
    const secret = sharedAuthSecret();
    const base = { DATABASE_URL: database.url, AUTH_SECRET: secret, ...emulator.env() };
    // The third instance is the one with a single pooled connection.
    apps = await Promise.all([base, base, { ...base, PG_POOL_MAX: '1' }].map((env) => spawnApp({ env })));
    await Promise.all(apps.map((app) => waitUntilHealthy(app, 90_000)));
    percy = new HttpSession(apps[0]!.url);
    await percy.signInWithDemo(PERCY);
    const tenants = await insertCustomerTenants(database.sql, 'cron', 30);
    const submit = async (tenantId: string, body: Record<string, unknown>) => {
      const answer = await callApi(percy, '/api/v1/requests', { method: 'POST', origin: apps[0]!.url, body: { tenantId, reason: 'Cron test', ...body } });
      if (answer.status !== 201) throw new Error(`setup submission for ${tenantId}: ${answer.status} ${JSON.stringify(answer.json)}`);
      return answer.json as { id: string; status: string };
    };
    // Ten temporary increases, approved at once; their end is made due below.
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    for (const tenantId of tenants.slice(0, 10)) temporary.push((await submit(tenantId, { changes: { concurrent: 110 }, revertAt: inAnHour })).id);
    // Ten in review, decided by reps in Salesforce: the sync brings the decisions back.
    for (const tenantId of tenants.slice(10, 20)) inReview.push((await submit(tenantId, { changes: { concurrent: 300 }, justification: 'Season peak' })).id);
    await waitFor(async () => (await pendingOperations(database.sql)) === 0, 'the cases to open', { timeoutMs: 30_000, intervalMs: 100 });
    for (const [index, id] of inReview.entries()) {
      const kase = [...emulator.org.table('Case').values()].find((record) => record.SSPM_Request_Id__c === id)!;
      emulator.org.decideInUi(kase.Id, index % 2 === 0 ? 'Approved' : 'Rejected', { email: REP, comment: `Decided in Salesforce ${index}` });
    }
    // Ten auto-approved while Salesforce is down: their case operations wait in the outbox.
    emulator.faults.failEveryCall(FAULTS.unavailable);
    for (const tenantId of tenants.slice(20, 30)) await submit(tenantId, { changes: { concurrent: 110 } });
    await waitFor(
      async () => (await database.sql(`select 1 from case_operations where state = 'pending' and ((kind = 'open' and attempts = 0) or next_attempt_at > now() + interval '1 minute')`)).length === 0,
      'the failed first attempts to finish',
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    emulator.faults.recover();
    await makeOutboxDue(database.sql);
    await database.sql(`update change_requests set revert_at = now() - interval '1 minute' where id = any($1::uuid[])`, [temporary]);
    // Usage the rollup has not seen: the last three hours of each tenant, each hour's peak at a slot and of a value of its own.
    await database.sql(
      `insert into usage_minutes (tenant_id, hour_start, concurrent, outbound, agentless)
       select t.id, date_trunc('hour', now()) - h * interval '1 hour',
              array(select (case when s = 1 + (h * 7 + t.n) % 60 then 40 + t.n + h else 5 end)::smallint from generate_series(1, 60) s),
              array_fill(null::smallint, array[60]), array_fill(null::smallint, array[60])
         from unnest($1::text[]) with ordinality as t(id, n), generate_series(1, 3) h`,
      [tenants],
    );
  });

  /**
   * Rows of this test's usage not rolled up, and hourly or daily peaks of its tenants that are not
   * the maximum of their rows. (The demo's own usage has daily peaks over minutes it never stored.)
   */
  const usageViolations = async (): Promise<string[]> => {
    const [counts] = await database.sql<{ unrolled: string; wrong_hours: string; wrong_days: string }>(
      `select (select count(*) from usage_minutes where tenant_id like 'cron-%' and not rolled)::text as unrolled,
              (select count(*) from usage_minutes m left join usage_peaks p on p.tenant_id = m.tenant_id and p.bucket = 'hour' and p.start = m.hour_start
                where m.tenant_id like 'cron-%' and p.concurrent is distinct from (select max(x) from unnest(m.concurrent) x))::text as wrong_hours,
              (select count(*) from (select tenant_id, date_trunc('day', hour_start, 'UTC') as day, max(x) as peak
                                       from usage_minutes, unnest(concurrent) x where tenant_id like 'cron-%' group by 1, 2) d
                 left join usage_peaks p on p.tenant_id = d.tenant_id and p.bucket = 'day' and p.start = d.day
                where p.concurrent is distinct from d.peak)::text as wrong_days`,
    );
    return [
      ...(counts!.unrolled !== '0' ? [`${counts!.unrolled} hours of usage not rolled up`] : []),
      ...(counts!.wrong_hours !== '0' ? [`${counts!.wrong_hours} hourly peaks differ from their rows`] : []),
      ...(counts!.wrong_days !== '0' ? [`${counts!.wrong_days} daily peaks differ from their rows`] : []),
    ];
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await emulator?.stop();
    await database?.drop();
  });

  const cron = async (job: (typeof JOBS)[number], instance: number): Promise<CronCall> => {
    const answer: Answer = await callCron(apps[instance]!.url, job, CRON_SECRET, CALL_BOUND_MS);
    return { job, instance, status: answer.status, ms: answer.ms, ran: answer.json?.ran };
  };

  it('answers every one of 5 + 5 + 5 simultaneous cron calls within 10 s, and /api/health on every instance within 2 s meanwhile', async () => {
    let done = false;
    const pollers = apps.map(async (app, instance) => {
      while (!done) {
        const answer = await probeHealth(app.url, HEALTH_BOUND_MS + 1_000);
        health.push({ instance, status: answer.status, ms: answer.ms });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
    const calls = JOBS.flatMap((job, offset) => Array.from({ length: 5 }, (_, index) => cron(job, (index + offset) % apps.length)));
    burst.push(...(await Promise.all(calls)));
    // Then each cron alone on the single-connection instance, where a run cannot borrow a second connection.
    for (const job of JOBS) solo.push(await cron(job, 2));
    done = true;
    await Promise.all(pollers);

    const healthRows = apps.map((_, instance) => {
      const mine = health.filter((probe) => probe.instance === instance);
      return { instance, poolMax: instance === 2 ? 1 : 10, probes: mine.length, not200: mine.filter((probe) => probe.status !== 200).length, maxMs: Math.max(...mine.map((probe) => probe.ms)) };
    });
    report(
      SCENARIO,
      'calls and health',
      { burst, solo, health: healthRows },
      `${markdownTable([...burst, ...solo.map((call) => ({ ...call, job: `${call.job} (alone)` }))])}\n\n${markdownTable(healthRows)}`,
    );
    expect([...burst, ...solo].filter((call) => call.status !== 200 || call.ms > CALL_BOUND_MS)).toEqual([]);
    expect(healthRows.filter((row) => row.not200 > 0 || row.maxMs > HEALTH_BOUND_MS)).toEqual([]);
  });

  it('sends each case operation once, applies each revert and each Salesforce decision once, rolls up each hour of usage to its peak', async () => {
    // A locked-up instance may hold a job lock: it is ended, as an operator would, before settling.
    const stuck: number[] = [];
    for (const [instance, app] of apps.entries()) {
      if ((await probeHealth(app.url, HEALTH_BOUND_MS + 1_000)).status !== 200) {
        stuck.push(instance);
        await app.kill('SIGKILL');
      }
    }
    // Whatever the burst left undone, the first instance finishes, one call at a time.
    const settling: CronCall[] = [];
    await waitFor(
      async () => {
        for (const job of JOBS) settling.push(await cron(job, 0));
        const reverted = await database.sql(`select 1 from change_requests where id = any($1::uuid[]) and status = 'reverted'`, [temporary]);
        const decided = await database.sql(`select 1 from change_requests where id = any($1::uuid[]) and status <> 'in_review'`, [inReview]);
        return (
          (await pendingOperations(database.sql)) === 0 &&
          reverted.length === temporary.length &&
          decided.length === inReview.length &&
          (await usageViolations()).length === 0
        );
      },
      'the jobs to finish their work',
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(() => {});

    const requests = await database.sql<{ id: string; status: string; case_number: string | null }>('select id, status, case_number from change_requests');
    const sentOps = await database.sql<{ request_id: string; n: string }>(`select request_id, count(*)::text as n from case_operations where state = 'sent' and kind in ('comment', 'close') group by request_id`);
    const events = await database.sql<{ request_id: string; action: string; n: string }>(
      `select request_id, action, count(*)::text as n from audit_events where action in ('revert', 'approve', 'reject') group by request_id, action`,
    );
    const violations: string[] = [];
    for (const request of requests) {
      const cases = [...emulator.org.table('Case').values()].filter((record) => record.SSPM_Request_Id__c === request.id);
      if (cases.length !== 1) {
        violations.push(`request ${request.id} has ${cases.length} cases`);
        continue;
      }
      const kase = cases[0]!;
      if (Boolean(kase.IsClosed) !== FINAL.includes(request.status)) violations.push(`request ${request.id} is ${request.status}, its case is ${kase.IsClosed ? 'closed' : 'open'}`);
      const ours = emulator.org.commentsOf(kase.Id).filter((comment) => comment.CreatedById === emulator.org.integrationUserId);
      const sent = Number(sentOps.find((row) => row.request_id === request.id)?.n ?? 0);
      if (ours.length !== sent) violations.push(`request ${request.id}: ${sent} comment/close operations sent, ${ours.length} comments on its case`);
      const bodies = ours.map((comment) => String(comment.CommentBody));
      if (new Set(bodies).size !== bodies.length) violations.push(`case ${kase.CaseNumber} has a comment twice`);
    }
    for (const row of events) if (row.n !== '1') violations.push(`request ${row.request_id} has ${row.n} '${row.action}' audit events`);
    violations.push(...(await usageViolations()));
    const reverted = requests.filter((request) => temporary.includes(request.id) && request.status === 'reverted').length;
    const decided = requests.filter((request) => inReview.includes(request.id) && request.status !== 'in_review').length;
    const invariants = await checkRequestInvariants(database.sql, { initialLimits: new Map([...Array(30)].map((_, index) => [`cron-${String(index + 1).padStart(3, '0')}`, { concurrent: 100, outbound: 0, agentless: 0 }])) });
    report(
      SCENARIO,
      'effects',
      { stuckInstancesKilled: stuck, settlingCalls: settling.length, reverted, decided, pendingOperations: await pendingOperations(database.sql), violations, invariants, salesforceCalls: emulator.calls.snapshot() },
      `instances killed as stuck: ${stuck.length ? stuck.join(', ') : 'none'}; ${settling.length} settling calls; reverted ${reverted}/${temporary.length}, Salesforce decisions applied ${decided}/${inReview.length}; ` +
        `effect violations ${violations.length}, audit/limits violations ${invariants.violations.length}`,
    );
    expect(violations).toEqual([]);
    expect(invariants.violations).toEqual([]);
    expect(reverted).toBe(temporary.length);
    expect(decided).toBe(inReview.length);
  });
});
