// `npm run bench:http` (after `next build`): requests per second and latency of the JSON API over
// real HTTP on loopback, signed in with a session cookie and with a personal API token, on the built
// app against PostgreSQL when SSPM_TEST_POSTGRES_URL is set (else the embedded PGlite). Each load is
// bounded in time and count and targets only localhost.
import { createApiToken } from '@/lib/auth/api-tokens';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';
import { POSTGRES_URL, type TestDatabase, createTestDatabase } from '../support/test-db';
import { PERCY, createTestContext } from '../support/use-case-context';

const CONNECTIONS = 10;
const SECONDS = 5;
const MAX_REQUESTS = 20_000;

async function load(name: string, url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let failures = 0;
  const stopAt = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < stopAt && latencies.length + failures < MAX_REQUESTS) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - started);
        else failures += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `| ${name} | ${(latencies.length / SECONDS).toFixed(0)} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} | ${at(0.99).toFixed(1)} | ${failures} |`,
  );
}

let database: TestDatabase | undefined;
let app: AppServer | undefined;
try {
  database = POSTGRES_URL ? await createTestDatabase('postgres') : undefined;
  app = await startAppServer(database?.url ? { DATABASE_URL: database.url } : {});
  const percy = new HttpSession(app.url);
  await percy.signInWithDemo(PERCY);
  const cookie = percy.cookieHeader();
  console.log(`\n${database ? 'postgres' : 'pglite'}, ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log('| endpoint | req/s | p50 ms | p95 ms | p99 ms | failures |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  await load('GET /api/health (no auth)', `${app.url}/api/health`, {});
  await load('GET /api/v1/tenants (session cookie)', `${app.url}/api/v1/tenants`, { cookie });
  await load('GET /api/v1/requests (session cookie)', `${app.url}/api/v1/requests?limit=20`, { cookie });
  if (database) {
    const ctx = createTestContext(database, undefined);
    const { token } = await createApiToken({ ...ctx, clock: () => new Date() }, await ctx.callerFor(PERCY), { name: 'bench', expiresInDays: 1 });
    await load('GET /api/v1/tenants (API token)', `${app.url}/api/v1/tenants`, { authorization: `Bearer ${token}` });
  }
} finally {
  await app?.stop();
  await database?.dispose();
}
