// `npm run bench`: the performance targets of the reliability issue, measured in one run against the
// production build (`next start`) on PostgreSQL (when SSPM_TEST_POSTGRES_URL is set) and on PGlite,
// each with 200,000 requests in the database:
//   - GET /api/v1/tenants (its first page of 100) and GET /api/v1/requests (first page, and page 2,500 of 20 by cursor) as
//     Percy (session cookie; API token too for tenants): throughput at least 0.5 × /api/health of
//     the same run on PostgreSQL and 0.35 × on PGlite, 10 connections; p95 < 50 ms on PostgreSQL;
//   - POST /api/v1/requests (submit) p95 < 100 ms;
//   - peak RSS (VmHWM) of the server process < 400 MB;
//   - GET /api/v1/requests.csv of Percy's ~100,000 requests streams with the server's RSS growing < 64 MB;
//   - usage storage (issue 13), on PostgreSQL, with 10,000 tenants × 30 days of minute samples stored
//     (usage-storage.ts; its database is generated once and kept): ingest 10,000 samples in one call
//     < 1 s, a tenant's 30-day hourly series < 50 ms, the dashboard's peaks of 500 tenants < 100 ms.
// Writes bench/results/latest.json and latest.md (the table README links to). All load goes to
// localhost and is bounded in time and count. It builds first when the build is missing or stale
// (ensure-build.ts). `--strict` exits 1 when a target is missed; `--backend=postgres` or
// `--backend=pglite` runs one; `--skip-usage` leaves out the usage figures; SSPM_BENCH_SECONDS
// changes the 5 s of each figure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { type Database, migrateDatabase, openDatabase } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { createApiToken } from '@/lib/auth/api-tokens';
import { encodeCursor } from '@/lib/requests/read-requests';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';
import { POSTGRES_URL, type Backend, type TestDatabase, createTestDatabase } from '../support/test-db';
import { PERCY, createTestContext } from '../support/use-case-context';
import { type CsvExportFigure, measureCsvExport } from './csv-export';
import { ensureBuild } from './ensure-build';
import { type LoadRequest, type LoadStats, processCpuMs, runLoad } from './load';
import { DEFAULT_HISTORY, seedHistory } from './seed-history';
import { type UsageStorageResult, benchUsageStorage, usageMarkdown } from './usage-storage';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.SSPM_BENCH_SECONDS || 5);
const WARMUP_SECONDS = 1;
const MAX_REQUESTS = 50_000;
const SUBMISSIONS = 200;
const PAGE = 20;
const DEEP_PAGE = 2_500;
const RSS_LIMIT_MB = 400;
const CSV_RSS_GROWTH_LIMIT_MB = 64;

type Target = { metric: 'ratio' | 'p95' | 'peakRss' | 'rssGrowth'; op: '>=' | '<'; value: number; pass: boolean };
type Figure = {
  name: string;
  method: string;
  path: string;
  auth: 'none' | 'cookie' | 'token';
  connections: number;
  requests: number;
  failures: number;
  statuses: Record<string, number>;
  perSecond: number;
  /** perSecond over the average of /api/health at the start and the end of this backend's run. */
  ratioToHealth: number | null;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  serverCpuMsPerRequest: number | null;
  databaseCpuMsPerRequest: number | null;
  generatorCpu: number;
  /** Resident memory of the server right after this figure (VmRSS). */
  rssAfterMb: number;
  targets: Target[];
};
type BackendResult = {
  backend: Backend;
  database: string;
  seed: { tenants: number; requests: number; auditEvents: number; percyTenants: number; percyRequests: number; seconds: number };
  health: { start: number; end: number; average: number };
  figures: Figure[];
  memory: { afterStartMb: number; peakRssMb: number; rssAtEndMb: number; targets: Target[] };
  csvExport: CsvExportFigure & { targets: Target[] };
};

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const only = args.find((arg) => arg.startsWith('--backend='))?.split('=')[1] as Backend | undefined;
const backends: Backend[] = only ? [only] : POSTGRES_URL ? ['postgres', 'pglite'] : ['pglite'];
if (backends.includes('postgres') && !POSTGRES_URL) throw new Error('--backend=postgres needs SSPM_TEST_POSTGRES_URL');

const target = (metric: Target['metric'], op: Target['op'], value: number, actual: number): Target => ({
  metric,
  op,
  value,
  pass: op === '>=' ? actual >= value : actual < value,
});

const rows = async <Row,>(db: Database, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/** The history, an API token for Percy and the cursor of the deep page, written before the app starts. */
async function prepare(database: Pick<TestDatabase, 'db'>) {
  const started = performance.now();
  await seedHistory(database.db, DEFAULT_HISTORY);
  // The steady state autovacuum keeps a live database in (statistics, visibility map), which a year
  // of history written in one transaction has not reached yet: index-only scans (the requests
  // list's count) otherwise read the table too.
  await database.db.execute(sql`vacuum analyze`);
  const seconds = (performance.now() - started) / 1000;
  const ctx = { ...createTestContext(database as TestDatabase), clock: () => new Date() };
  const { token } = await createApiToken(ctx, await ctx.callerFor(PERCY), { name: 'bench', expiresInDays: 1 });
  // Percy's list, newest first, is keyset-paginated on (created_at, id): the cursor of page 2,500 is
  // the last row of page 2,499, and the page must start with the row after it (checked over HTTP).
  // Read here rather than by walking 2,499 pages, which takes minutes while the list is slow.
  const scope = sql`r.tenant_id in (select id from tenants where id = 'classics' or parent_id = 'classics')`;
  const [last, first] = await rows<{ created_at: Date | string; id: string }>(
    database.db,
    sql`select r.created_at, r.id from change_requests r where ${scope}
         order by r.created_at desc, r.id desc offset ${(DEEP_PAGE - 1) * PAGE - 1} limit 2`,
  );
  const [counts] = await rows<Record<string, number | string>>(
    database.db,
    sql`select (select count(*) from tenants) as tenants, (select count(*) from change_requests) as requests,
               (select count(*) from audit_events) as audit_events,
               (select count(*) from tenants where id = 'classics' or parent_id = 'classics') as percy_tenants,
               (select count(*) from change_requests r where ${scope}) as percy_requests`,
  );
  const [version] = await rows<{ version: string }>(database.db, sql`select version()`);
  return {
    token,
    deepCursor: encodeCursor({ createdAt: new Date(last!.created_at), id: last!.id }),
    deepFirstId: first!.id,
    database: version!.version.split(' on ')[0]!.replace(/,.*/, ''),
    seed: {
      tenants: Number(counts!.tenants),
      requests: Number(counts!.requests),
      auditEvents: Number(counts!.audit_events),
      percyTenants: Number(counts!.percy_tenants),
      percyRequests: Number(counts!.percy_requests),
      seconds,
    },
  };
}

/** Resident memory of a process, now and at its peak (VmHWM), from /proc. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
}

/** CPU time of the PostgreSQL backends serving one database (processes on this machine), by pid. */
async function databaseCpu(admin: pg.Client | null, name: string): Promise<Map<number, number> | null> {
  if (!admin) return null;
  const { rows: backends } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );
  return new Map(backends.map(({ pid }) => [pid, processCpuMs(pid) ?? 0]));
}

async function benchBackend(backend: Backend): Promise<BackendResult> {
  let database: TestDatabase | undefined;
  let pgliteDir: string | undefined;
  let app: AppServer | undefined;
  let admin: pg.Client | null = null;
  try {
    console.error(`[${backend}] seeding ${DEFAULT_HISTORY.requests.toLocaleString('en')} requests…`);
    let prepared: Awaited<ReturnType<typeof prepare>>;
    let env: Record<string, string>;
    if (backend === 'postgres') {
      database = await createTestDatabase('postgres');
      prepared = await prepare(database);
      env = { DATABASE_URL: database.url! };
      admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
    } else {
      // PGlite is one process's database: seeded here, closed, then opened by the server.
      pgliteDir = mkdtempSync(path.join(tmpdir(), 'sspm-bench-'));
      const dataDir = path.join(pgliteDir, 'pglite');
      const handle = await openDatabase({ kind: 'pglite', dataDir });
      try {
        await migrateDatabase(handle);
        await seedDemoData(handle.db);
        prepared = await prepare(handle);
      } finally {
        await handle.close();
      }
      env = { PGLITE_DIR: dataDir };
    }
    const databaseName = database?.url ? new URL(database.url).pathname.slice(1) : '';
    console.error(`[${backend}] seeded in ${prepared.seed.seconds.toFixed(1)} s; starting next start…`);
    app = await startAppServer(env);
    const server = app;
    const origin = new URL(server.url).origin;
    const afterStartMb = memoryOf(server.pid).rssMb;

    const percy = new HttpSession(server.url);
    await percy.signInWithDemo(PERCY);
    const cookie = percy.cookieHeader();
    const auth = { cookie: { cookie }, token: { authorization: `Bearer ${prepared.token}` }, none: {} };

    // What the loads will fetch, checked once: the right amount, the right page. The tenant list is
    // paged (100 a page by default): walking it must give all of Percy's tenants.
    type TenantItem = { id: string; monitoringGatewayEnabled: boolean; limits: { concurrent: number }; openRequestId: string | null };
    const tenantList: { items: TenantItem[] } = { items: [] };
    for (let cursor: string | null = null, pages = 0; pages === 0 || (cursor && pages < 100); pages += 1) {
      const page = (await (await percy.json(`/api/v1/tenants${cursor ? `?cursor=${cursor}` : ''}`)).json()) as { items: TenantItem[]; nextCursor: string | null };
      tenantList.items.push(...page.items);
      cursor = page.nextCursor;
    }
    if (tenantList.items.length !== prepared.seed.percyTenants) {
      throw new Error(`GET /api/v1/tenants gave ${tenantList.items.length} tenants, not Percy's ${prepared.seed.percyTenants}`);
    }
    const deepPath = `/api/v1/requests?limit=${PAGE}&cursor=${prepared.deepCursor}`;
    const deep = (await (await percy.json(deepPath)).json()) as { items: { id: string }[] };
    if (deep.items.length !== PAGE || deep.items[0]!.id !== prepared.deepFirstId) {
      throw new Error(`page ${DEEP_PAGE} by cursor does not start with the expected request`);
    }
    const firstPage = (await (await percy.json(`/api/v1/requests?limit=${PAGE}`)).json()) as { items: { id: string }[] };
    const detailPath = `/api/v1/requests/${firstPage.items[0]!.id}`;

    const figures: Figure[] = [];
    const measure = async (
      name: string,
      method: string,
      via: keyof typeof auth,
      next: (i: number) => LoadRequest,
      options: { connections?: number; maxRequests?: number; seconds?: number; warmup?: boolean; expectStatus?: number } = {},
    ): Promise<Figure> => {
      const connections = options.connections ?? CONNECTIONS;
      const cpuBefore = await databaseCpu(admin, databaseName);
      const stats: LoadStats = await runLoad(server.url, next, {
        connections,
        seconds: options.seconds ?? SECONDS,
        maxRequests: options.maxRequests ?? MAX_REQUESTS,
        warmupSeconds: options.warmup === false ? 0 : WARMUP_SECONDS,
        expectStatus: options.expectStatus,
        serverPid: server.pid,
      });
      const cpuAfter = await databaseCpu(admin, databaseName);
      let databaseCpuMs: number | null = null;
      if (cpuBefore && cpuAfter && stats.requests > 0) {
        let spent = 0;
        for (const [pid, ms] of cpuAfter) spent += ms - (cpuBefore.get(pid) ?? 0);
        databaseCpuMs = spent / stats.requests;
      }
      const figure: Figure = {
        name,
        method,
        path: next(0).path.replace(/cursor=[^&]+/, 'cursor=…').replace(/[0-9a-f-]{36}/, ':id'),
        auth: via,
        connections,
        requests: stats.requests,
        failures: stats.failures,
        statuses: stats.statuses,
        perSecond: stats.perSecond,
        ratioToHealth: null,
        p50: stats.p50,
        p95: stats.p95,
        p99: stats.p99,
        max: stats.max,
        serverCpuMsPerRequest: stats.serverCpuMs,
        databaseCpuMsPerRequest: databaseCpuMs,
        generatorCpu: stats.generatorCpu,
        rssAfterMb: memoryOf(server.pid).rssMb,
        targets: [],
      };
      figures.push(figure);
      console.error(
        `[${backend}] ${name} (${via}): ${stats.perSecond.toFixed(0)} req/s, p95 ${stats.p95.toFixed(1)} ms` +
          (stats.failures ? `, ${stats.failures} failed ${JSON.stringify(stats.statuses)}` : ''),
      );
      return figure;
    };
    const get = (pathname: string, via: keyof typeof auth) => () => ({ path: pathname, headers: { ...auth[via] } });

    // The first seconds of a fresh server are JIT and lazy module loading: every route is warmed up
    // before anything is measured, so that /api/health at the start is not the slowest figure.
    for (const [pathname, via] of [['/api/health', 'none'], ['/api/v1/tenants', 'token'], [`/api/v1/requests?limit=${PAGE}`, 'cookie'], [deepPath, 'cookie'], [detailPath, 'cookie']] as const) {
      await runLoad(server.url, get(pathname, via), { connections: CONNECTIONS, seconds: WARMUP_SECONDS, maxRequests: MAX_REQUESTS });
    }
    const healthStart = await measure('health (start)', 'GET', 'none', get('/api/health', 'none'));
    const reads = [
      await measure('tenants', 'GET', 'cookie', get('/api/v1/tenants', 'cookie')),
      await measure('tenants', 'GET', 'token', get('/api/v1/tenants', 'token')),
      await measure('requests, first page', 'GET', 'cookie', get(`/api/v1/requests?limit=${PAGE}`, 'cookie')),
      await measure(`requests, page ${DEEP_PAGE.toLocaleString('en')} by cursor`, 'GET', 'cookie', get(deepPath, 'cookie')),
    ];
    await measure('request detail with audit trail', 'GET', 'cookie', get(detailPath, 'cookie'));

    const csvExport = await measureCsvExport(server.url, server.pid, cookie);
    if (csvExport.rows !== prepared.seed.percyRequests) throw new Error(`the CSV export gave ${csvExport.rows} rows, not Percy's ${prepared.seed.percyRequests}`);
    console.error(`[${backend}] CSV export: ${csvExport.rows} rows in ${csvExport.seconds.toFixed(1)} s, RSS +${csvExport.rssGrowthMb.toFixed(0)} MB`);

    // Submissions, each to another tenant without an open request (and with Monitoring Gateway, or
    // the rules refuse it): within the threshold, each is approved at once and leaves the tenant
    // free again, so none meets 409 request_already_open.
    const free = tenantList.items.filter(
      (tenant) => tenant.openRequestId === null && tenant.monitoringGatewayEnabled && tenant.id.startsWith('bench-'),
    );
    if (free.length < 2 * SUBMISSIONS) throw new Error(`only ${free.length} tenants are free to submit to`);
    const submitTo = (offset: number) => (i: number): LoadRequest => {
      const tenant = free[offset + i]!;
      const body = JSON.stringify({ tenantId: tenant.id, changes: { concurrent: tenant.limits.concurrent + 10 }, reason: 'Bench' });
      return {
        path: '/api/v1/requests',
        method: 'POST',
        headers: { ...auth.cookie, origin, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        body,
      };
    };
    const submitOptions = { maxRequests: SUBMISSIONS, warmup: false, expectStatus: 201 };
    const submitOne = await measure('submit, one at a time', 'POST', 'cookie', submitTo(0), { ...submitOptions, connections: 1, seconds: 40 });
    await measure('submit, 10 at once', 'POST', 'cookie', submitTo(SUBMISSIONS), { ...submitOptions, seconds: SECONDS });
    const healthEnd = await measure('health (end)', 'GET', 'none', get('/api/health', 'none'));

    const { peakMb: peakRssMb, rssMb: rssAtEndMb } = memoryOf(server.pid);

    const healthAverage = (healthStart.perSecond + healthEnd.perSecond) / 2;
    const minimumRatio = backend === 'postgres' ? 0.5 : 0.35;
    for (const figure of figures) figure.ratioToHealth = figure.perSecond / healthAverage;
    for (const figure of reads) {
      figure.targets.push(target('ratio', '>=', minimumRatio, figure.ratioToHealth!));
      if (backend === 'postgres') figure.targets.push(target('p95', '<', 50, figure.p95));
    }
    submitOne.targets.push(target('p95', '<', 100, submitOne.p95));
    return {
      backend,
      database: prepared.database,
      seed: prepared.seed,
      health: { start: healthStart.perSecond, end: healthEnd.perSecond, average: healthAverage },
      figures,
      memory: { afterStartMb, peakRssMb, rssAtEndMb, targets: [target('peakRss', '<', RSS_LIMIT_MB, peakRssMb)] },
      csvExport: { ...csvExport, targets: [target('rssGrowth', '<', CSV_RSS_GROWTH_LIMIT_MB, csvExport.rssGrowthMb)] },
    };
  } finally {
    await app?.stop();
    await admin?.end();
    await database?.dispose();
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '–');
const describeTarget = (t: Target) =>
  t.metric === 'ratio' ? `≥ ${t.value} × health` : t.metric === 'p95' ? `p95 < ${t.value} ms` : t.metric === 'rssGrowth' ? `RSS growth < ${t.value} MB` : `< ${t.value} MB`;
const verdict = (targets: Target[]) =>
  targets.length === 0 ? '' : targets.map((t) => `${describeTarget(t)}: ${t.pass ? '**pass**' : '**MISS**'}`).join('<br>');

function markdown(results: BackendResult[], environment: Record<string, string>, usage: UsageStorageResult | null): string {
  const lines = [
    '| backend | figure | request | auth | conn. | req/s | × health | p50 ms | p95 ms | p99 ms | server CPU ms/req | DB CPU ms/req | RSS MB | failed | target |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const result of results) {
    for (const f of result.figures) {
      lines.push(
        `| ${result.backend} | ${f.name} | \`${f.method} ${f.path}\` | ${f.auth} | ${f.connections} | ${f.perSecond.toFixed(0)} | ` +
          `${f.ratioToHealth?.toFixed(2) ?? '–'} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ` +
          `${f.serverCpuMsPerRequest?.toFixed(1) ?? '–'} | ${f.databaseCpuMsPerRequest?.toFixed(1) ?? '–'} | ${f.rssAfterMb.toFixed(0)} | ` +
          `${f.failures} | ${verdict(f.targets)} |`,
      );
    }
    lines.push(
      `| ${result.backend} | peak RSS of the server (VmHWM; ${result.memory.afterStartMb.toFixed(0)} MB once started) |${' |'.repeat(10)} ${result.memory.peakRssMb.toFixed(0)} | | ${verdict(result.memory.targets)} |`,
    );
    const csv = result.csvExport;
    lines.push(
      `| ${result.backend} | CSV export, streamed: ${csv.rows.toLocaleString('en')} rows, ${csv.megabytes.toFixed(1)} MB in ${csv.seconds.toFixed(1)} s ` +
        `(${csv.rowsPerSecond.toFixed(0)} rows/s, first bytes after ${csv.firstBytesMs.toFixed(0)} ms; RSS ${csv.rssBeforeMb.toFixed(0)} → ${csv.rssPeakMb.toFixed(0)} MB) | \`GET /api/v1/requests.csv\` | cookie | 1 |${' |'.repeat(7)} ${csv.rssPeakMb.toFixed(0)} | | ${verdict(csv.targets)} |`,
    );
  }
  const targets = allTargets(results, usage);
  const seeds = results.map(
    (r) =>
      `${r.backend} (${r.database}): ${r.seed.requests.toLocaleString('en')} requests over ${r.seed.tenants.toLocaleString('en')} tenants, ` +
      `${r.seed.auditEvents.toLocaleString('en')} audit events; Percy sees ${r.seed.percyTenants.toLocaleString('en')} tenants and ` +
      `${r.seed.percyRequests.toLocaleString('en')} requests; /api/health ${r.health.start.toFixed(0)} req/s at the start, ` +
      `${r.health.end.toFixed(0)} at the end`,
  );
  const drifted = results.filter((r) => Math.abs(r.health.end - r.health.start) > 0.25 * r.health.average);
  const drift = drifted.map(
    (r) =>
      `**${r.backend}: /api/health drifted from ${r.health.start.toFixed(0)} to ${r.health.end.toFixed(0)} req/s during the run: ` +
      'something else was using the CPU, so its ratios are uncertain; the CPU columns are the steadier figures.**',
  );
  return [
    `Environment: ${Object.entries(environment).map(([key, value]) => `${key} ${value}`).join(' · ')}`,
    '',
    ...seeds.map((line) => `- ${line}`),
    ...(drift.length > 0 ? ['', ...drift] : []),
    '',
    ...lines,
    '',
    `${targets.filter((t) => t.pass).length} of ${targets.length} targets met. "× health": req/s over the average of ` +
      '/api/health at the start and the end of the same backend\'s run. CPU columns: CPU time per successful request ' +
      'of the server process (PGlite runs inside it) and of the PostgreSQL backends of its connections (parallel query ' +
      'workers not counted): steadier than req/s when other work shares the machine. ' +
      'RSS MB: the server\'s resident memory after the figure. ' +
      `Each figure: ${CONNECTIONS} keep-alive connections (unless said), ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up; ` +
      `submissions: up to ${SUBMISSIONS} each (one at a time: at most 40 s), every one to another tenant.`,
    ...(usage ? ['', usageMarkdown(usage)] : []),
  ].join('\n');
}

/** Every target of the run: each backend's, and the usage storage's. */
function allTargets(results: BackendResult[], usage: UsageStorageResult | null): { pass: boolean }[] {
  return [
    ...results.flatMap((r) => [...r.figures.flatMap((f) => f.targets), ...r.memory.targets, ...r.csvExport.targets]),
    ...(usage?.figures.flatMap((f) => f.targets) ?? []),
  ];
}

const startedAt = new Date();
const loadAtStart = loadavg();
const build = ensureBuild();
const results: BackendResult[] = [];
for (const backend of backends) results.push(await benchBackend(backend));
// PostgreSQL only: the targets are a server's, and 7 million rows are no embedded database's load.
const usage = backends.includes('postgres') && !args.includes('--skip-usage') ? await benchUsageStorage(POSTGRES_URL!, (line) => console.error(line)) : null;
const loadAtEnd = loadavg();
const packageVersion = (name: string) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version as string;
const environment = {
  date: startedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  node: process.version,
  cores: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  'load average (1 min)': `${loadAtStart[0]!.toFixed(2)} at start, ${loadAtEnd[0]!.toFixed(2)} at end`,
  next: packageVersion('next'),
  databases: results.map((r) => `${r.backend}: ${r.database}`).join(', '),
  build,
};
const table = markdown(results, environment, usage);
const targets = allTargets(results, usage);
const report = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  environment,
  settings: { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, submissions: SUBMISSIONS, history: DEFAULT_HISTORY },
  summary: { targets: targets.length, met: targets.filter((t) => t.pass).length, pass: targets.every((t) => t.pass) },
  backends: results,
  usageStorage: usage,
};
mkdirSync('bench/results', { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync('bench/results/latest.json', json);
writeFileSync(`bench/results/run-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`, json);
writeFileSync('bench/results/latest.md', `# \`npm run bench\`: the last figures\n\n${table}\n`);
console.log(`\n${table}\n\nWritten: bench/results/latest.json, bench/results/latest.md`);
if (strict && !report.summary.pass) process.exitCode = 1;
