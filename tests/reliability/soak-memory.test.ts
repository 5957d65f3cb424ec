// Scenario 7: 60 s of mixed reads and writes against one instance on PostgreSQL (loopback, a fixed
// number of clients, stopping by itself), watching the server process's memory in /proc: its peak,
// and whether it keeps growing (the last 15 s against the first 15 s).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Answer, callApi } from '../support/api-calls';
import { type AppProcess, memoryOf, probeHealth, sharedAuthSecret, startApp } from '../support/app-process';
import { HttpSession } from '../support/http-session';
import { markdownTable, percentile, report, tally } from '../support/reliability-report';
import { PERCY, insertCustomerTenants } from '../support/reliability-fixtures';
import { describeReliability, requirePostgresUrl } from '../support/reliability-gate';
import { type ScratchDatabase, createScratchDatabase } from '../support/scratch-postgres';

const SCENARIO = 'soak-memory';
const DURATION_MS = Number(process.env.SSPM_SOAK_MS ?? 60_000);
const WINDOW_MS = 15_000;
const CLIENTS = 8;
/**
 * What still counts as flat. V8 grows its heap lazily: on 2 cores a healthy server goes from about
 * 140 MB at start to a plateau of 250–310 MB (saw-tooth, by garbage collection) within its first
 * minute under this load, and stays there (a 4-minute run: the same plateau, +8 MB/min over its
 * second half). So first-versus-last 15 s of a one-minute run reads +75–115 MB on a healthy
 * server; these bounds catch a gross leak or a runaway, not a slow leak: the figures tell the rest.
 */
const GROWTH_LIMIT_MB = 192;
const PEAK_LIMIT_MB = 512;

type Kind = 'list requests' | 'tenants' | 'notifications' | 'read request' | 'health' | 'submit' | 'cancel';

describeReliability('60 s of mixed load on one instance', () => {
  let database: ScratchDatabase;
  let app: AppProcess;

  beforeAll(async () => {
    requirePostgresUrl();
    database = await createScratchDatabase();
    app = await startApp({ env: { DATABASE_URL: database.url, AUTH_SECRET: sharedAuthSecret() } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("keeps the server's memory flat under a minute of reads and writes, with no 5xx", async () => {
    const tenants = await insertCustomerTenants(database.sql, 'soak', 40);
    const sessions = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const session = new HttpSession(app.url);
        await session.signInWithDemo(PERCY);
        return session;
      }),
    );
    const samples: { atMs: number; rssKb: number; hwmKb: number }[] = [];
    const calls: { kind: Kind; status: number; ms: number }[] = [];
    const known: string[] = [];
    const started = performance.now();
    const deadline = started + DURATION_MS;
    const elapsed = () => performance.now() - started;

    const sampler = (async () => {
      while (performance.now() < deadline) {
        const memory = memoryOf(app.pid);
        if (memory) samples.push({ atMs: Math.round(elapsed()), ...memory });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();

    const record = (kind: Kind, answer: Answer) => {
      calls.push({ kind, status: answer.status, ms: answer.ms });
      return answer;
    };
    const client = async (session: HttpSession, index: number) => {
      let step = index;
      while (performance.now() < deadline) {
        step += 1;
        const roll = step % 20;
        if (roll < 8) record('list requests', await callApi(session, '/api/v1/requests?limit=20'));
        else if (roll < 11) record('tenants', await callApi(session, '/api/v1/tenants'));
        else if (roll < 13) record('notifications', await callApi(session, '/api/v1/notifications'));
        else if (roll < 15 && known.length > 0) record('read request', await callApi(session, `/api/v1/requests/${known[step % known.length]}`));
        else if (roll < 16) {
          const started = performance.now();
          const health = await probeHealth(app.url, 15_000);
          calls.push({ kind: 'health', status: health.status, ms: Math.round(performance.now() - started) });
        } else {
          // A write: +/-10 on one of the tenants; what waits for review is withdrawn at once.
          const tenantId = tenants[(step * 7 + index) % tenants.length]!;
          const answer = record(
            'submit',
            await callApi(session, '/api/v1/requests', { method: 'POST', origin: app.url, body: { tenantId, changes: { concurrent: step % 2 === 0 ? 110 : 100 }, reason: `Soak ${step}` } }),
          );
          if (answer.status === 201) {
            known.push(answer.json.id);
            if (known.length > 500) known.shift();
            if (answer.json.status !== 'approved') record('cancel', await callApi(session, `/api/v1/requests/${answer.json.id}/cancel`, { method: 'POST', origin: app.url }));
          }
        }
      }
    };
    await Promise.all(sessions.map((session, index) => client(session, index)));
    await sampler;

    const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
    const windowOf = (from: number, to: number) => samples.filter((sample) => sample.atMs >= from && sample.atMs < to).map((sample) => sample.rssKb);
    const first = windowOf(0, WINDOW_MS);
    const last = windowOf(DURATION_MS - WINDOW_MS, DURATION_MS + 1_000);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const peakKb = Math.max(...samples.map((sample) => sample.hwmKb));
    const growthMb = mb(mean(last) - mean(first));
    // Least-squares slope of RSS over the second half, in MB per minute: flat after warm-up or not.
    const secondHalf = samples.filter((sample) => sample.atMs >= DURATION_MS / 2);
    const slopeMbPerMinute = (() => {
      const n = secondHalf.length;
      if (n < 2) return NaN;
      const mx = mean(secondHalf.map((sample) => sample.atMs));
      const my = mean(secondHalf.map((sample) => sample.rssKb));
      const num = secondHalf.reduce((sum, sample) => sum + (sample.atMs - mx) * (sample.rssKb - my), 0);
      const den = secondHalf.reduce((sum, sample) => sum + (sample.atMs - mx) ** 2, 0);
      return mb((num / den) * 60_000);
    })();
    const kinds = [...new Set(calls.map((call) => call.kind))];
    const rows = kinds.map((kind) => {
      const mine = calls.filter((call) => call.kind === kind);
      return { kind, calls: mine.length, statuses: JSON.stringify(tally(mine.map((call) => call.status))), p50ms: percentile(mine.map((call) => call.ms), 50), p95ms: percentile(mine.map((call) => call.ms), 95) };
    });
    const figures = {
      seconds: Math.round(elapsed()) / 1000,
      calls: calls.length,
      perSecond: Math.round(calls.length / (elapsed() / 1000)),
      peakRssMb: mb(peakKb),
      firstWindowRssMb: { mean: mb(mean(first)), max: mb(Math.max(...first)) },
      lastWindowRssMb: { mean: mb(mean(last)), max: mb(Math.max(...last)) },
      growthMb,
      secondHalfSlopeMbPerMinute: slopeMbPerMinute,
      byKind: rows,
      rssTimelineMb: samples.filter((_, index) => index % 10 === 0).map((sample) => [sample.atMs, mb(sample.rssKb)]),
    };
    report(
      SCENARIO,
      '60 s mixed load',
      figures,
      `${calls.length} calls in ${figures.seconds} s (${figures.perSecond}/s, ${CLIENTS} clients); peak RSS (VmHWM) ${figures.peakRssMb} MB; ` +
        `mean RSS first 15 s ${figures.firstWindowRssMb.mean} MB, last 15 s ${figures.lastWindowRssMb.mean} MB (growth ${growthMb} MB; second half ${slopeMbPerMinute} MB/min)\n\n${markdownTable(rows)}`,
    );
    expect(calls.filter((call) => call.status >= 500 || call.status <= 0)).toEqual([]);
    expect(samples.length).toBeGreaterThan(DURATION_MS / 1_000);
    expect(growthMb).toBeLessThan(GROWTH_LIMIT_MB);
    expect(figures.peakRssMb).toBeLessThan(PEAK_LIMIT_MB);
  });
});
