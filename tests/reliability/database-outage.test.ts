// Scenario 3: PostgreSQL frozen, and restarted, as the app sees it through a TCP proxy
// (tests/support/tcp-proxy.ts) — the machine's real cluster is never touched. While the database
// cannot answer, the app must answer quickly (503 `unavailable` with Retry-After, never a 500 and
// never a hang), and once it is back, recover without being restarted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, signInWithDemo } from '../support/browser';
import { type Answer, callApi } from '../support/api-calls';
import { type AppProcess, type HealthAnswer, probeHealth, sharedAuthSecret, startApp } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { markdownTable, report } from '../support/reliability-report';
import { PERCY } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';

const SCENARIO = 'database-outage';
/** SPEC: health answers within 2 s whatever the database does. */
const HEALTH_BOUND_MS = 2_000;
/** Our bound for an API answer while the database cannot answer (the app is configured below to give up sooner). */
const API_BOUND_MS = 10_000;
/** Waiting longer than this for an answer is a hang, reported as status 0. */
const HANG_MS = 12_000;
/** After the database is back, the app must serve again within this, without a restart. */
const RECOVERY_BOUND_MS = 20_000;

type Probe = { what: string; status: number; ms: number; code?: string; retryAfter: string | null };

describeReliability('the database frozen or restarted under a running instance (through a TCP proxy)', () => {
  let database: ScratchDatabase;
  let proxy: TcpProxy;
  let app: AppProcess;
  let percy: HttpSession;

  beforeAll(async () => {
    const server = new URL(requirePostgresUrl());
    database = await createScratchDatabase();
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    app = await startApp({
      env: {
        DATABASE_URL: database.urlVia('127.0.0.1', proxy.port),
        AUTH_SECRET: sharedAuthSecret(),
        // The bounds the app is meant to honour (db/client.ts); a build that ignores them hangs instead.
        PG_POOL_WAIT_MS: '2000',
        PG_STATEMENT_TIMEOUT_MS: '3000',
        PG_QUERY_TIMEOUT_MS: '4000',
      },
    });
    percy = new HttpSession(app.url);
    await percy.signInWithDemo(PERCY);
  });
  afterAll(async () => {
    proxy?.pass();
    await app?.stop();
    await proxy?.close();
    await database?.drop();
  });

  /** The calls a user and a load balancer make, all at once, each bounded. */
  async function probeEverything(label: string): Promise<Probe[]> {
    const api = (what: string, pathname: string, body?: unknown) =>
      callApi(percy, pathname, { method: body ? 'POST' : 'GET', body, origin: app.url, timeoutMs: HANG_MS }).then((answer: Answer) => ({
        what: `${label}: ${what}`,
        status: answer.status,
        ms: answer.ms,
        code: answer.json?.error?.code,
        retryAfter: answer.retryAfter,
      }));
    const health = (what: string) =>
      probeHealth(app.url, HANG_MS).then((answer: HealthAnswer) => ({ what: `${label}: ${what}`, status: answer.status, ms: answer.ms, retryAfter: null }));
    return Promise.all([
      health('GET /api/health'),
      api('GET /api/v1/tenants', '/api/v1/tenants'),
      api('GET /api/v1/requests', '/api/v1/requests'),
      api('POST /api/v1/requests', '/api/v1/requests', { tenantId: 'blakeney', changes: { concurrent: 60 }, reason: 'During the outage' }),
    ]);
  }

  /** Polls until health says 200 and the API serves, bounded; returns how long it took. */
  async function timeToRecover(): Promise<number | null> {
    const started = performance.now();
    try {
      await waitFor(
        async () => (await probeHealth(app.url, 3_000)).status === 200 && (await callApi(percy, '/api/v1/tenants', { timeoutMs: 3_000 })).status === 200,
        'the app to serve again',
        { timeoutMs: RECOVERY_BOUND_MS, intervalMs: 250 },
      );
      return Math.round(performance.now() - started);
    } catch {
      return null;
    }
  }

  it('answers /api/health within 2 s with 503, and the API with 503 unavailable fast, while the database is frozen; recovers after the thaw without a restart', async () => {
    expect((await probeHealth(app.url)).status).toBe(200);
    proxy.freeze();
    let frozen: Probe[];
    try {
      // Twice: once on connections the pool already holds, once more after the first wave gave up on them.
      frozen = [...(await probeEverything('frozen')), ...(await probeEverything('still frozen'))];
    } finally {
      proxy.pass();
    }
    const recoveryMs = await timeToRecover();
    report(
      SCENARIO,
      'frozen database',
      { probes: frozen, recoveryMs, appStillRunning: !app.exited() },
      `${markdownTable(frozen)}\n\nrecovered after the thaw in ${recoveryMs === null ? `more than ${RECOVERY_BOUND_MS} ms (not at all)` : `${recoveryMs} ms`}`,
    );
    const health = frozen.filter((probe) => probe.what.endsWith('/api/health'));
    const api = frozen.filter((probe) => !probe.what.endsWith('/api/health'));
    expect(health.map((probe) => ({ status: probe.status, fast: probe.ms < HEALTH_BOUND_MS }))).toEqual(health.map(() => ({ status: 503, fast: true })));
    expect(api.filter((probe) => probe.status <= 0 || probe.ms > API_BOUND_MS)).toEqual([]);
    expect(api.map((probe) => `${probe.status} ${probe.code} retry-after:${probe.retryAfter !== null}`)).toEqual(api.map(() => '503 unavailable retry-after:true'));
    expect(recoveryMs).not.toBeNull();
  });

  it('answers 503 unavailable with Retry-After, never 500, while PostgreSQL restarts (every connection cut, then refused), and recovers without a restart', async () => {
    await waitFor(async () => (await probeHealth(app.url, 3_000)).status === 200, 'health before the restart', { timeoutMs: RECOVERY_BOUND_MS });
    // A restart as clients see it: the open connections die at once, new ones are refused for a while.
    proxy.down();
    let during: Probe[];
    try {
      during = [...(await probeEverything('restarting')), ...(await probeEverything('still restarting'))];
    } finally {
      proxy.pass();
    }
    // Back up: the pool's connections are all dead now, the first calls must not be 500s either.
    const justAfter = await probeEverything('just back');
    const recoveryMs = await timeToRecover();
    // A restart that is over before anyone notices: connections cut, the server accepting at once.
    proxy.cut();
    const afterQuickCut = await probeEverything('after a quick cut');
    report(
      SCENARIO,
      'restarted database',
      { during, justAfter, afterQuickCut, recoveryMs, appStillRunning: !app.exited() },
      `${markdownTable([...during, ...justAfter, ...afterQuickCut])}\n\nrecovered in ${recoveryMs === null ? `more than ${RECOVERY_BOUND_MS} ms (not at all)` : `${recoveryMs} ms`}`,
    );
    const all = [...during, ...justAfter, ...afterQuickCut];
    expect(all.filter((probe) => probe.status === 500 || probe.status <= 0)).toEqual([]);
    const apiDuring = during.filter((probe) => !probe.what.endsWith('/api/health'));
    expect(apiDuring.map((probe) => `${probe.status} ${probe.code} retry-after:${probe.retryAfter !== null}`)).toEqual(apiDuring.map(() => '503 unavailable retry-after:true'));
    expect(during.filter((probe) => probe.what.endsWith('/api/health')).map((probe) => probe.status)).toEqual([503, 503]);
    expect(recoveryMs).not.toBeNull();
    expect(all.filter((probe) => probe.status >= 500 && probe.status !== 503)).toEqual([]);
  });

  it.skipIf(!browserAvailable)('shows pages as "back in a moment" while the database is down, and the page comes back by itself after it', async () => {
    await waitFor(async () => (await probeHealth(app.url, 3_000)).status === 200, 'health before the outage', { timeoutMs: RECOVERY_BOUND_MS });
    const browser = await launchBrowser();
    try {
      const { page } = await signInWithDemo(browser, app.url, PERCY);
      proxy.down();
      let shown: boolean;
      try {
        await page.goto(`${app.url}/requests`);
        shown = await page
          .getByRole('heading', { name: 'SSPM is back in a moment' })
          .waitFor({ timeout: 15_000 })
          .then(() => true, () => false);
      } finally {
        proxy.pass();
      }
      // The page retries by itself every few seconds: the list comes back without a reload.
      const recovered = await page
        .getByRole('heading', { level: 1, name: 'Requests' })
        .waitFor({ timeout: RECOVERY_BOUND_MS })
        .then(() => true, () => false);
      report(SCENARIO, 'pages during an outage', { shown, recovered }, `"back in a moment" shown: ${shown}; page back by itself: ${recovered}`);
      expect({ shown, recovered }).toEqual({ shown: true, recovered: true });
    } finally {
      await browser.close();
    }
  });
});
