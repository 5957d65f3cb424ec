// Scenario 1 (and the start-up race): three `next start` processes on one PostgreSQL database.
// Races for one tenant spread across instances must be decided by the database, not by luck.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_USERS } from '@/db/demo-data';
import { type Answer, callApi } from '../support/api-calls';
import { type AppProcess, type HealthAnswer, probeHealth, sharedAuthSecret, spawnApp, waitUntilHealthy } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { markdownTable, report, tally } from '../support/reliability-report';
import { PERCY } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { checkRequestInvariants, limitsOf } from '../support/request-invariants';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';
import { waitFor } from '../support/wait-for';

const SCENARIO = 'multi-instance';
const INSTANCES = 3;

describeReliability('three instances of the built app on one PostgreSQL database', () => {
  let database: ScratchDatabase;
  let apps: AppProcess[] = [];
  let sessions: HttpSession[] = [];
  let initialLimits: Awaited<ReturnType<typeof limitsOf>>;

  let first: HealthAnswer[] = [];
  let startedAt = 0;
  let answeredAt = 0;

  beforeAll(async () => {
    requirePostgresUrl();
    database = await createScratchDatabase();
    const secret = sharedAuthSecret();
    startedAt = Date.now();
    apps = await Promise.all(Array.from({ length: INSTANCES }, () => spawnApp({ env: { DATABASE_URL: database.url, AUTH_SECRET: secret } })));
    // All listening first, then the first health checks at the same moment: the first request of
    // each process is what migrates and seeds, so this is the race.
    await waitFor(() => apps.every((app) => app.output().includes('Ready')), 'every instance to listen', { timeoutMs: 60_000, intervalMs: 50 });
    first = await Promise.all(apps.map((app) => probeHealth(app.url, 60_000)));
    answeredAt = Date.now();
    // Whatever the first answers were, the other scenarios need healthy instances.
    await Promise.all(apps.map((app) => waitUntilHealthy(app, 60_000)));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
  });

  it('starts N instances together on a fresh database, and each answers its first /api/health with 200 (migrations and seed take turns under the lock)', async () => {
    const journal = JSON.parse(readFileSync(path.resolve('db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    const [migrations] = await database.sql<{ n: string }>('select count(*)::text as n from drizzle.__drizzle_migrations').catch(() => [{ n: 'missing' }]);
    const [users] = await database.sql<{ n: string }>('select count(*)::text as n from users').catch(() => [{ n: 'missing' }]);
    report(
      SCENARIO,
      'start-up race',
      { instances: INSTANCES, firstHealth: first, secondsToAllAnswered: (answeredAt - startedAt) / 1000, migrationsApplied: migrations?.n, journalEntries: journal.entries.length, users: users?.n },
      `${INSTANCES} instances, first /api/health: ${first.map((answer) => `${answer.status} in ${answer.ms} ms`).join(', ')}; migrations recorded ${migrations?.n} of ${journal.entries.length}; users ${users?.n}`,
    );
    expect(first.map((answer) => answer.status)).toEqual(Array(INSTANCES).fill(200));
    expect(migrations?.n).toBe(String(journal.entries.length));
    expect(users?.n).toBe(String(DEMO_USERS.length));
  });

  it('lets exactly one of 50 simultaneous over-threshold submissions for one tenant through, across instances: one 201, 49 × 409 request_already_open, no 5xx', async () => {
    sessions = await Promise.all(
      apps.map(async (app) => {
        const session = new HttpSession(app.url);
        await session.signInWithDemo(PERCY);
        return session;
      }),
    );
    initialLimits = await limitsOf(database.sql);
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        callApi(sessions[index % INSTANCES]!, '/api/v1/requests', {
          method: 'POST',
          origin: apps[index % INSTANCES]!.url,
          body: { tenantId: 'league', changes: { concurrent: 400 }, reason: `Race ${index}` },
          timeoutMs: 30_000,
        }),
      ),
    );
    const statuses = tally(answers.map((answer) => answer.status));
    const codes = tally(answers.filter((answer) => answer.status === 409).map((answer) => answer.json?.error?.code));
    const [open] = await database.sql<{ n: string }>(`select count(*)::text as n from change_requests where tenant_id = 'league'`);
    const perInstance = apps.map((_, instance) => tally(answers.filter((_, index) => index % INSTANCES === instance).map((answer) => answer.status)));
    report(
      SCENARIO,
      '50 over-threshold submissions, one tenant',
      { statuses, conflictCodes: codes, requestsStored: Number(open?.n), perInstance, slowestMs: Math.max(...answers.map((answer) => answer.ms)) },
      `statuses ${JSON.stringify(statuses)}, 409 codes ${JSON.stringify(codes)}, requests stored for the tenant: ${open?.n}, slowest answer ${Math.max(...answers.map((answer) => answer.ms))} ms\n\n${markdownTable(perInstance.map((counts, instance) => ({ instance, ...counts })))}`,
    );
    expect(answers.filter((answer) => answer.status >= 500 || answer.status <= 0)).toEqual([]);
    expect(statuses['201']).toBe(1);
    expect(statuses['409']).toBe(49);
    expect(codes).toEqual({ request_already_open: 49 });
    expect(open?.n).toBe('1');
  });

  it('never auto-approves more than the daily threshold when 30 within-threshold submissions for one tenant race across instances', async () => {
    // Blakeney: 50 concurrent ports, its own daily threshold set to 30 by Network Operations.
    // Requests name the resulting limit, so the racers alternate 60 and 50: each is a +10 or a −10
    // from whatever the tenant has when its turn comes, and every +10 is within the threshold on
    // its own. Serialised, at most three +10s are approved today; a fourth must wait for review.
    const threshold = 30;
    await database.sql('update tenants set daily_threshold = $1 where id = $2', [threshold, 'blakeney']);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        callApi(sessions[index % INSTANCES]!, '/api/v1/requests', {
          method: 'POST',
          origin: apps[index % INSTANCES]!.url,
          body: { tenantId: 'blakeney', changes: { concurrent: index % 2 === 0 ? 60 : 50 }, reason: `Within threshold ${index}` },
          timeoutMs: 30_000,
        }),
      ),
    );
    const outcomes = tally(answers.map((answer) => (answer.status === 201 ? `201 ${answer.json?.status}` : `${answer.status} ${answer.json?.error?.code ?? ''}`.trim())));
    const [auto] = await database.sql<{ increases: string; total: string }>(
      `select count(*)::text as increases, coalesce(sum(concurrent_delta), 0)::text as total
         from change_requests where tenant_id = 'blakeney' and decided_by = 'auto' and concurrent_delta > 0`,
    );
    const invariants = await checkRequestInvariants(database.sql, { initialLimits });
    report(
      SCENARIO,
      '30 within-threshold submissions, one tenant',
      { outcomes, autoApprovedIncreases: Number(auto?.increases), autoApprovedTotal: Number(auto?.total), threshold, invariants },
      `outcomes ${JSON.stringify(outcomes)}; auto-approved increases ${auto?.increases}, total +${auto?.total} of a threshold of ${threshold}; audit/limits/outbox violations: ${invariants.violations.length}`,
    );
    expect(answers.filter((answer) => answer.status >= 500 || answer.status <= 0)).toEqual([]);
    expect(Number(auto?.total)).toBeLessThanOrEqual(threshold);
    expect(invariants.violations).toEqual([]);
  });
});
