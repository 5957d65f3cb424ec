// The usage storage figures of `npm run bench` (issue 13 §2), on PostgreSQL only, against a database
// of 10,000 tenants × 30 days of minute samples (7.2 million rows of 60-slot arrays):
//   (a) ingest 10,000 samples (one per tenant, the pipeline's minute) in one call < 1 s;
//   (b) a tenant's 30-day hourly series < 50 ms: readSeries(…, 'hour') and GET /api/v1/tenants/{id}/usage;
//   (c) the dashboard's utilisation of 500 tenants in one query < 100 ms: readPeaksSince over 7 days
//       for 500 tenant ids, and for a partner scope of 500 customers.
// The data lives in its own database (sspm_bench_usage), generated once in SQL and kept between runs:
// regenerated only when missing or incomplete (no completion marker of this shape). It is written in
// bulk in the order production writes it (hour by hour, every tenant in each), with the peaks the
// usage job would have rolled up, the last hour left unrolled (see generate()).
// Reads are anchored at the end of the generated data, not at today, so an old dataset reads the same.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Database, migrateDatabase, openDatabase } from '@/db/client';
import { USAGE_FEED_EMAIL } from '@/db/demo-data';
import { users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { createApiToken } from '@/lib/auth/api-tokens';
import { loadCaller } from '@/lib/auth/load-caller';
import { readPeaksSince, readSeries, rollUpUsage, storeSamples } from '@/lib/data/usage';
import { DAY_MS, HOUR_MS, MINUTE_MS, type UsageSample, bucketStart } from '@/lib/domain/usage';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';
import type { UseCaseContext } from '@/lib/use-case-context';
import { startAppServer } from '../support/app-server';
import { type LoadRequest, type LoadStats, runLoad } from './load';

export const USAGE_BENCH_DATABASE = 'sspm_bench_usage';

/**
 * What is generated; a change here (or of DATASET_VERSION) regenerates the database.
 * `unrolledHours`: the hours not rolled up yet. With the job every five minutes, production has the
 * hour in progress unrolled, and the hour before it for a few minutes after each hour: the generated
 * last hour is that one, and the hour the benchmark's ingestion writes is the one in progress.
 */
export const USAGE_SHAPE = { partners: 20, customersPerPartner: 500, days: 30, unrolledHours: 1 } as const;
const DATASET_VERSION = 2;
const TENANTS = USAGE_SHAPE.partners * USAGE_SHAPE.customersPerPartner;
/** Distinct minute patterns per level: enough that neighbouring rows differ. */
const VARIANTS = 8;
const MAX_LEVEL = 600;

export type UsageDataset = {
  url: string;
  /** The end of the generated data (exclusive): the start of the hour before the one the generation began in. */
  end: Date;
  /** Seconds the generation took in this run; null when the kept database was complete. */
  generatedSeconds: number | null;
  /** Seconds the generation took when it was made. */
  madeInSeconds: number;
  minuteRows: number;
  peakRows: number;
  unrolledRows: number;
  sizeMb: { usageMinutes: number; usagePeaks: number; database: number };
};

const partnerId = (p: number) => `ubench-p${String(p).padStart(2, '0')}`;
export const customerId = (p: number, c: number) => `${partnerId(p)}-${String(c).padStart(4, '0')}`;
export const USAGE_PARTNER = partnerId(1);

function databaseUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${USAGE_BENCH_DATABASE}`;
  return url.toString();
}

type Meta = { version: number; tenants: number; days: number; unrolledHours: number; end: Date; seconds: number };

async function readMeta(client: pg.Client): Promise<Meta | null> {
  const { rows } = await client
    .query<{ version: number; tenants: number; days: number; unrolled_hours: number; end_hour: Date; seconds: number }>(
      'select version, tenants, days, unrolled_hours, end_hour, seconds from ubench_meta limit 1',
    )
    // No such table (or an older one): not a complete dataset of this shape.
    .catch(() => ({ rows: [] }));
  const row = rows[0];
  return row
    ? { version: row.version, tenants: row.tenants, days: row.days, unrolledHours: row.unrolled_hours, end: new Date(row.end_hour), seconds: Number(row.seconds) }
    : null;
}

const complete = (meta: Meta | null): meta is Meta =>
  meta !== null &&
  meta.version === DATASET_VERSION &&
  meta.tenants === TENANTS &&
  meta.days === USAGE_SHAPE.days &&
  meta.unrolledHours === USAGE_SHAPE.unrolledHours;

/**
 * The usage database, migrated (so a new index of a later migration is there) and complete:
 * generated when it is missing or was left incomplete, else kept as it is. Prints what it does.
 */
export async function prepareUsageDatabase(serverUrl: string, log: (line: string) => void): Promise<UsageDataset> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = databaseUrl(serverUrl);
  let generatedSeconds: number | null = null;
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [USAGE_BENCH_DATABASE])).rowCount === 1;
    let meta: Meta | null = null;
    if (exists) meta = await readMetaOf(url);
    if (!complete(meta)) {
      log(`[usage] ${exists ? 'the kept usage database is incomplete or of another shape' : 'no usage database yet'}: generating ${TENANTS.toLocaleString('en')} tenants × ${USAGE_SHAPE.days} days of minute samples in ${USAGE_BENCH_DATABASE}…`);
      if (exists) await admin.query(`drop database ${USAGE_BENCH_DATABASE} with (force)`);
      await admin.query(`create database ${USAGE_BENCH_DATABASE}`);
      const started = performance.now();
      await generate(url, log);
      generatedSeconds = (performance.now() - started) / 1000;
      log(`[usage] generated in ${generatedSeconds.toFixed(0)} s`);
    }
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ kind: 'pg', url });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  // What an earlier run ingested (after the generated data) goes, so each call fills empty minutes.
  // Without the app pool's statement timeout: a vacuum may take longer.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const end = (await readMeta(client))!.end.toISOString();
    await client.query('delete from usage_minutes where hour_start >= $1', [end]);
    await client.query('delete from usage_peaks where start >= $1', [end]);
    await client.query('vacuum analyze usage_minutes, usage_peaks');
  } finally {
    await client.end();
  }
  return describeDataset(url, generatedSeconds);
}

async function readMetaOf(url: string): Promise<Meta | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return readMeta(client).finally(() => client.end());
}

async function describeDataset(url: string, generatedSeconds: number | null): Promise<UsageDataset> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const meta = (await readMeta(client))!;
    // Estimates from the statistics the generation's ANALYZE left: counting 7 million rows takes seconds.
    const { rows } = await client.query<Record<string, string>>(`
      select (select reltuples from pg_class where relname = 'usage_minutes')::bigint as minute_rows,
             (select reltuples from pg_class where relname = 'usage_peaks')::bigint as peak_rows,
             (select count(*) from usage_minutes where not rolled) as unrolled_rows,
             pg_total_relation_size('usage_minutes') as minutes_bytes,
             pg_total_relation_size('usage_peaks') as peaks_bytes,
             pg_database_size(current_database()) as database_bytes`);
    const row = rows[0]!;
    const mb = (bytes: string) => Number(bytes) / 2 ** 20;
    return {
      url,
      end: meta.end,
      generatedSeconds,
      madeInSeconds: meta.seconds,
      minuteRows: Number(row.minute_rows),
      peakRows: Number(row.peak_rows),
      unrolledRows: Number(row.unrolled_rows),
      sizeMb: { usageMinutes: mb(row.minutes_bytes!), usagePeaks: mb(row.peaks_bytes!), database: mb(row.database_bytes!) },
    };
  } finally {
    await client.end();
  }
}

/**
 * Writes the dataset into the (new, empty) database: the schema and demo data, 20 partners of 500
 * customers each, then every hour of the last 30 days for every customer, in bulk. Each (customer,
 * hour) gets a level and a variant, its row's slots come from a table of minute patterns (an hour's
 * 60 slots for a level and a variant, with their peak), and the peaks are written with the rows, as
 * the usage job would have left them: every hour but the last `unrolledHours` rolled up, each rolled
 * hour's peaks, and each day's peak over its rolled hours.
 *
 * It is written a day at a time, each day's rows ordered by hour and then tenant: the order production
 * inserts them in (the pipeline's first batch of an hour holds a sample of every tenant), so a
 * tenant's rows and peaks are spread over the table as the live ones are. Running the usage job after
 * each generated hour, as an earlier version did, gave the same layout in 55 minutes; the job has its
 * own tests (tests/integration/usage-job.test.ts), and a sample of tenants is checked against it below.
 */
async function generate(url: string, log: (line: string) => void): Promise<void> {
  const handle = await openDatabase({ kind: 'pg', url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrateDatabase(handle);
    await seedDemoData(handle.db);
    const started = performance.now();
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
    // It ends an hour before the hour in progress: the benchmark ingests the minutes just past, after
    // the data's end, at once, even when the generation finished early in an hour.
    const end = new Date((Math.floor(Date.now() / HOUR_MS) - 1) * HOUR_MS);
    const hours = USAGE_SHAPE.days * 24;
    const firstHour = new Date(end.getTime() - hours * HOUR_MS);
    const rolledBefore = new Date(end.getTime() - USAGE_SHAPE.unrolledHours * HOUR_MS);
    await client.query(
      'create table ubench_meta (version int not null, tenants int not null, days int not null, unrolled_hours int not null, end_hour timestamptz not null, seconds real not null)',
    );
    await client.query(
      `insert into tenants (id, name, parent_id, personal_connection_enabled, account_rep_email, concurrent, outbound, agentless)
       select 'ubench-p' || lpad(p::text, 2, '0'), 'Usage bench partner ' || p, null, true, 'rep@ops.example', 9999, 5000, 2000
         from generate_series(1, $1::int) p`,
      [USAGE_SHAPE.partners],
    );
    // k numbers the customers 0…9,999; every other one has Personal Connection (outbound and agentless).
    // `base` is its usual busiest hour, 40–85 % of its concurrent limit.
    await client.query(
      `create table ubench_tenants as
       select 'ubench-p' || lpad(p::text, 2, '0') || '-' || lpad(c::text, 4, '0') as id, 'ubench-p' || lpad(p::text, 2, '0') as parent_id,
              k, k % 2 = 0 as pc, 50 + (k * 37) % 451 as concurrent,
              ((50 + (k * 37) % 451) * (0.4 + 0.05 * ((k * 7) % 10)))::real as base
         from generate_series(1, $1::int) p, generate_series(1, $2::int) c, lateral (select (p - 1) * $2::int + c - 1 as k) kk`,
      [USAGE_SHAPE.partners, USAGE_SHAPE.customersPerPartner],
    );
    await client.query(
      `insert into tenants (id, name, parent_id, personal_connection_enabled, account_rep_email, concurrent, outbound, agentless)
       select id, 'Usage bench customer ' || k, parent_id, pc, 'rep@ops.example', concurrent,
              case when pc then concurrent / 2 else 0 end, case when pc then concurrent / 5 else 0 end
         from ubench_tenants`,
    );
    await client.query(
      `create table ubench_patterns as
       select level, variant, slots, (select max(v) from unnest(slots) v)::smallint as peak
         from (select level, variant,
                      array(select greatest(0, round(level * (0.75 + 0.25 * random())))::smallint from generate_series(1, 60)) as slots
                 from generate_series(0, $1::int) level, generate_series(0, $2::int - 1) variant) p`,
      [MAX_LEVEL, VARIANTS],
    );
    await client.query('alter table ubench_patterns add primary key (level, variant)');
    // Each customer's hours: the level of its busiest minutes (its base × the hour's busyness, ±10 %)
    // and the variant of the minute pattern. The busyness of each hour comes from busyness() below,
    // the one the benchmark's samples use.
    const hourStarts = Array.from({ length: hours }, (_, i) => new Date(firstHour.getTime() + i * HOUR_MS));
    await client.query(
      `create table ubench_hours as
       select t.id, h.hour_start, t.pc,
              least($3::int, round(t.base * h.busy * (0.9 + 0.2 * random())))::int as level,
              floor(random() * $4::int)::int as variant
         from unnest($1::timestamptz[], $2::real[]) as h(hour_start, busy), ubench_tenants t`,
      [hourStarts.map((h) => h.toISOString()), hourStarts.map(busyness), MAX_LEVEL, VARIANTS],
    );
    await client.query('create index on ubench_hours (hour_start)');
    await client.query('analyze ubench_tenants; analyze ubench_patterns; analyze ubench_hours');
    log(`[usage] levels of ${(hours * TENANTS).toLocaleString('en')} tenant-hours drawn (${elapsed()})`);

    const patternsOf = `
      from ubench_hours u
      join ubench_patterns pc on pc.level = u.level and pc.variant = u.variant
      left join ubench_patterns po on u.pc and po.level = u.level * 4 / 10 and po.variant = u.variant
      left join ubench_patterns pa on u.pc and pa.level = u.level * 15 / 100 and pa.variant = (u.variant + 3) % ${VARIANTS}
     where u.hour_start >= $1::timestamptz and u.hour_start < $2::timestamptz`;
    for (let day = 0; day < USAGE_SHAPE.days; day += 1) {
      const range = [new Date(firstHour.getTime() + day * DAY_MS).toISOString(), new Date(firstHour.getTime() + (day + 1) * DAY_MS).toISOString()];
      await client.query(
        `insert into usage_minutes (tenant_id, hour_start, concurrent, outbound, agentless, rolled)
         select u.id, u.hour_start, pc.slots, coalesce(po.slots, array_fill(null::smallint, array[60])),
                coalesce(pa.slots, array_fill(null::smallint, array[60])), u.hour_start < $3::timestamptz
         ${patternsOf}
          order by u.hour_start, u.id`,
        [...range, rolledBefore.toISOString()],
      );
      await client.query(
        `insert into usage_peaks (tenant_id, bucket, start, concurrent, outbound, agentless)
         select u.id, 'hour', u.hour_start, pc.peak, po.peak, pa.peak
         ${patternsOf} and u.hour_start < $3::timestamptz
          order by u.hour_start, u.id`,
        [...range, rolledBefore.toISOString()],
      );
      if ((day + 1) % 5 === 0) log(`[usage] ${day + 1}/${USAGE_SHAPE.days} days of minute rows and hourly peaks (${elapsed()})`);
    }
    await client.query(
      `insert into usage_peaks (tenant_id, bucket, start, concurrent, outbound, agentless)
       select tenant_id, 'day', date_trunc('day', start, 'UTC'), max(concurrent), max(outbound), max(agentless)
         from usage_peaks where bucket = 'hour'
        group by tenant_id, date_trunc('day', start, 'UTC')
        order by 3, 1`,
    );
    log(`[usage] daily peaks written; vacuum analyze… (${elapsed()})`);
    await client.query('drop table ubench_hours');
    await client.query('vacuum analyze');
    await checkAgainstTheJob(client, rolledBefore);
    await client.query('insert into ubench_meta values ($1, $2, $3, $4, $5, $6)', [
      DATASET_VERSION,
      TENANTS,
      USAGE_SHAPE.days,
      USAGE_SHAPE.unrolledHours,
      end.toISOString(),
      (performance.now() - started) / 1000,
    ]);
  } finally {
    await client.end();
    await handle.close();
  }
}

/**
 * The peaks written in bulk are the ones the usage job computes, for a sample of tenants: their rolled
 * rows copied to fresh tenants, marked unrolled, rolled up by rollUpUsage and compared, in a
 * transaction rolled back afterwards.
 */
async function checkAgainstTheJob(client: pg.Client, rolledBefore: Date): Promise<void> {
  const sampled = CUSTOMERS.filter(({ k }) => k % 997 === 0).map(({ id }) => id);
  await client.query('begin');
  try {
    await client.query(
      `insert into tenants (id, name, parent_id, personal_connection_enabled, account_rep_email, concurrent, outbound, agentless)
       select 'check-' || id, name, parent_id, personal_connection_enabled, account_rep_email, concurrent, outbound, agentless
         from tenants where id = any($1::text[])`,
      [sampled],
    );
    await client.query(
      `insert into usage_minutes (tenant_id, hour_start, concurrent, outbound, agentless, rolled)
       select 'check-' || tenant_id, hour_start, concurrent, outbound, agentless, false
         from usage_minutes where tenant_id = any($1::text[]) and hour_start < $2::timestamptz`,
      [sampled, rolledBefore.toISOString()],
    );
    // The dataset's own unrolled hour is set aside (this transaction is rolled back): the job rolls up the copies only.
    await client.query("update usage_minutes set rolled = true where not rolled and tenant_id not like 'check-%'");
    await rollUpUsage(drizzle({ client }) as unknown as Database, Number.MAX_SAFE_INTEGER);
    const { rows } = await client.query<{ differing: number; compared: number }>(
      `select count(*) filter (where (p.concurrent, p.outbound, p.agentless) is distinct from (c.concurrent, c.outbound, c.agentless))::int as differing,
              count(*)::int as compared
         from usage_peaks p
         full join usage_peaks c on c.tenant_id = 'check-' || p.tenant_id and c.bucket = p.bucket and c.start = p.start
        where p.tenant_id = any($1::text[]) or c.tenant_id = any($2::text[])`,
      [sampled, sampled.map((id) => `check-${id}`)],
    );
    const { differing, compared } = rows[0]!;
    if (differing > 0 || compared === 0) throw new Error(`the generated peaks differ from the usage job's in ${differing} of ${compared} peaks`);
  } finally {
    await client.query('rollback');
  }
}

/** A contact centre's day (UTC as its local time): busiest early afternoon, quiet at night, a third on weekends. */
function busyness(hourStart: Date): number {
  const hour = hourStart.getUTCHours() + 0.5;
  const weekday = hourStart.getUTCDay() % 6 !== 0;
  const day = hour > 7 && hour < 19 ? Math.sin((Math.PI * (hour - 7)) / 12) : 0;
  return (0.08 + 0.92 * day) * (weekday ? 1 : 0.35);
}

// ——— The measurements ———————————————————————————————————————————————————————————————————————————

const INGEST_CALLS = 10;
const SERIES_RUNS = 50;
const PEAK_RUNS = 40;
const WARMUP_RUNS = 5;
const DASHBOARD_TENANTS = 500;
const BENCH_PARTNER_USER = 'usage-bench@ubench.example';

export type UsageTarget = { metric: 'p95'; op: '<'; value: number; pass: boolean };
export type UsageFigure = {
  name: string;
  /** What was timed: the data layer's function (in this process) or the HTTP call (to the production server). */
  via: 'data layer' | 'HTTP';
  what: string;
  runs: number;
  failures: number;
  median: number;
  p95: number;
  max: number;
  targets: UsageTarget[];
};
export type UsageStorageResult = {
  dataset: Omit<UsageDataset, 'url'> & { database: string };
  figures: UsageFigure[];
  /** EXPLAIN (ANALYZE, BUFFERS) of one run of each read target, as PostgreSQL printed it. */
  explain: Record<'series' | 'peaksOfTenants' | 'peaksOfPartner', string>;
};

const stats = (name: string, via: UsageFigure['via'], what: string, times: number[], failures: number, targetMs: number): UsageFigure => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const p95 = at(0.95);
  return {
    name,
    via,
    what,
    runs: sorted.length,
    failures,
    median: at(0.5),
    p95,
    max: sorted.at(-1) ?? Number.NaN,
    // A failed run fails the target: a fast error is no answer.
    targets: [{ metric: 'p95', op: '<', value: targetMs, pass: failures === 0 && sorted.length > 0 && p95 < targetMs }],
  };
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** The same busy day the dataset was generated with, for the samples the benchmark sends. */
function sampleOf(k: number, tenantId: string, at: Date, random: () => number): UsageSample {
  const concurrentLimit = 50 + ((k * 37) % 451);
  const level = Math.min(MAX_LEVEL, Math.round(concurrentLimit * (0.4 + 0.05 * ((k * 7) % 10)) * busyness(at) * (0.9 + 0.2 * random())));
  const personalConnection = k % 2 === 0;
  return {
    tenantId,
    at,
    concurrent: level,
    ...(personalConnection ? { outbound: Math.floor((level * 4) / 10), agentless: Math.floor((level * 15) / 100) } : {}),
  };
}

/** Every customer, as numbered when generated (k = 0…9,999). */
const CUSTOMERS = Array.from({ length: TENANTS }, (_, k) => ({
  k,
  id: customerId(Math.floor(k / USAGE_SHAPE.customersPerPartner) + 1, (k % USAGE_SHAPE.customersPerPartner) + 1),
}));

/** A deterministic stand-in for Math.random (the benchmark mocks randomness too). */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The SQL and parameters a data-layer read sends, captured without running it, for EXPLAIN. */
async function capturedQuery(read: (db: Database) => Promise<unknown>): Promise<{ sql: string; params: unknown[] }> {
  let captured: SQL | undefined;
  const recorder = { execute: async (query: SQL) => ((captured = query), { rows: [] }) } as unknown as Database;
  await read(recorder);
  if (!captured) throw new Error('the read sent no query');
  return new PgDialect().sqlToQuery(captured);
}

async function explain(client: pg.Client, read: (db: Database) => Promise<unknown>): Promise<string> {
  const query = await capturedQuery(read);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, query.params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/**
 * The figures, against the prepared database and a production server started on it (`appUrl`):
 * ingestion over HTTP, the hourly series by the data layer and over HTTP, the dashboard's peaks by
 * the data layer. Samples go to the minutes just past, one per customer, as the pipeline sends them.
 */
export async function measureUsageStorage(dataset: UsageDataset, appUrl: string, log: (line: string) => void): Promise<UsageStorageResult> {
  const handle = await openDatabase({ kind: 'pg', url: dataset.url });
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  try {
    const { db } = handle;
    const ctx: UseCaseContext = { db, clock: () => new Date(), caseDesk: new LocalCaseDesk(db, () => new Date()) };
    // A partner user of the first bench partner (reads through its tree scope) and the feed's token.
    await db.insert(users).values({ email: BENCH_PARTNER_USER, name: 'Usage bench partner user', homeTenantId: USAGE_PARTNER, groups: ['sspm-requester'] }).onConflictDoNothing();
    const tokenOf = async (email: string) => {
      const caller = await loadCaller(db, email);
      if (!caller) throw new Error(`no user ${email} in ${USAGE_BENCH_DATABASE}`);
      return (await createApiToken(ctx, caller, { name: 'usage bench', expiresInDays: 1 })).token;
    };
    const feedToken = await tokenOf(USAGE_FEED_EMAIL);
    const partnerToken = await tokenOf(BENCH_PARTNER_USER);
    const figures: UsageFigure[] = [];

    // (a) Ingestion: INGEST_CALLS + 1 calls of 10,000 samples, each for another of the last minutes, oldest first.
    const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    const minutes = Array.from({ length: INGEST_CALLS + 1 }, (_, i) => new Date(now - (INGEST_CALLS - i) * MINUTE_MS));
    if (minutes[0]!.getTime() <= dataset.end.getTime()) throw new Error('the dataset ends less than a few minutes ago: run the benchmark again in a few minutes');
    const random = seededRandom(13);
    const bodies = minutes.map((at) => {
      const samples = CUSTOMERS.map(({ k, id }) => sampleOf(k, id, at, random));
      // In no particular order, as a pipeline sends them.
      for (let i = samples.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [samples[i], samples[j]] = [samples[j]!, samples[i]!];
      }
      return JSON.stringify({ samples: samples.map((sample) => ({ ...sample, at: sample.at.toISOString() })) });
    });
    const post = (body: string): LoadRequest => ({
      path: '/api/v1/usage',
      method: 'POST',
      headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    // The first call warms the route up, and shows what a call answers.
    const first = await fetch(new URL('/api/v1/usage', appUrl), { method: 'POST', headers: post(bodies[0]!).headers, body: bodies[0] });
    const answer = (await first.json()) as { stored?: number };
    if (first.status !== 200 || answer.stored !== TENANTS) throw new Error(`POST /api/v1/usage answered ${first.status} ${JSON.stringify(answer).slice(0, 300)}`);
    const ingest = await runLoad(appUrl, (i) => post(bodies[1 + i]!), { connections: 1, seconds: 120, maxRequests: INGEST_CALLS });
    figures.push(statsOfLoad('ingest 10,000 samples in one call', 'POST /api/v1/usage (10,000 samples, ~1 MB, a token of the feed)', ingest, INGEST_CALLS, 1000));
    const [filled] = (await client.query<{ slots: number }>('select coalesce(sum(usage_filled(concurrent)), 0)::int as slots from usage_minutes where hour_start >= $1', [dataset.end.toISOString()])).rows;
    if (filled!.slots !== (INGEST_CALLS + 1) * TENANTS) throw new Error(`the ingestion stored ${filled!.slots} samples, not ${(INGEST_CALLS + 1) * TENANTS}`);
    log(`[usage] ingest: p50 ${ms(figures.at(-1)!.median)} ms, p95 ${ms(figures.at(-1)!.p95)} ms`);

    // For comparison, the data layer alone (no parsing, validation, alerts or HTTP): another minute of each tenant.
    const direct: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const at = new Date(minutes[0]!.getTime() - (i + 1) * MINUTE_MS);
      if (at.getTime() <= dataset.end.getTime()) break;
      const samples = CUSTOMERS.map(({ k, id }) => sampleOf(k, id, at, random));
      direct.push((await timed(() => db.transaction((tx) => storeSamples(tx, samples)))).ms);
    }
    figures.push(stats('store 10,000 samples (storeSamples alone)', 'data layer', 'storeSamples in one transaction', direct, 0, 1000));

    // (b) A tenant's 30-day hourly series: different customers each run, spread over the partners.
    const range = { from: new Date(dataset.end.getTime() - USAGE_SHAPE.days * DAY_MS), to: dataset.end };
    const seriesTenant = (i: number) => customerId(1 + (i % USAGE_SHAPE.partners), 1 + ((i * 37) % USAGE_SHAPE.customersPerPartner));
    const seriesTimes: number[] = [];
    let seriesFailures = 0;
    for (let i = 0; i < WARMUP_RUNS + SERIES_RUNS; i += 1) {
      const { ms: spent, value } = await timed(() => readSeries(db, seriesTenant(i), range, 'hour'));
      if (value.length !== USAGE_SHAPE.days * 24) seriesFailures += 1;
      if (i >= WARMUP_RUNS) seriesTimes.push(spent);
    }
    figures.push(stats("a tenant's 30-day hourly series", 'data layer', `readSeries(…, 'hour'): 720 points, ${USAGE_SHAPE.days * 24 - USAGE_SHAPE.unrolledHours} of them rolled up`, seriesTimes, seriesFailures, 50));
    // Over HTTP as the partner's user (its tree scope), its own customers.
    const ownCustomer = (i: number) => customerId(1, 1 + ((i * 37) % USAGE_SHAPE.customersPerPartner));
    const usagePath = (tenantId: string) => `/api/v1/tenants/${tenantId}/usage?from=${range.from.toISOString()}&to=${range.to.toISOString()}&bucket=hour`;
    const check = await fetch(new URL(usagePath(ownCustomer(0)), appUrl), { headers: { authorization: `Bearer ${partnerToken}` } });
    const checked = (await check.json()) as { series?: unknown[] };
    if (check.status !== 200 || checked.series?.length !== USAGE_SHAPE.days * 24) throw new Error(`GET usage answered ${check.status} with ${checked.series?.length} points`);
    const overHttp = await runLoad(appUrl, (i) => ({ path: usagePath(ownCustomer(i)), headers: { authorization: `Bearer ${partnerToken}` } }), {
      connections: 1,
      seconds: 30,
      maxRequests: SERIES_RUNS,
      warmupSeconds: 1,
    });
    figures.push(statsOfLoad("a tenant's 30-day hourly series", 'GET /api/v1/tenants/{id}/usage?bucket=hour (a partner user’s token)', overHttp, SERIES_RUNS, 50));

    // (c) The dashboard's utilisation: 7 days of peaks of 500 tenants in one query.
    const since = bucketStart(new Date(dataset.end.getTime() - 7 * DAY_MS), 'day');
    const page = (j: number) =>
      Array.from({ length: DASHBOARD_TENANTS }, (_, i) => customerId(1 + (i % USAGE_SHAPE.partners), 1 + ((Math.floor(i / USAGE_SHAPE.partners) + 25 * j) % USAGE_SHAPE.customersPerPartner)));
    const all = { kind: 'all' } as const;
    const tree = (p: number) => ({ kind: 'tree', homeTenantId: `ubench-p${String(p).padStart(2, '0')}` }) as const;
    const peakFigure = async (name: string, what: string, read: (i: number) => Promise<Map<string, unknown>>) => {
      const times: number[] = [];
      let failures = 0;
      for (let i = 0; i < WARMUP_RUNS + PEAK_RUNS; i += 1) {
        const { ms: spent, value } = await timed(() => read(i));
        if (value.size !== DASHBOARD_TENANTS) failures += 1;
        if (i >= WARMUP_RUNS) times.push(spent);
      }
      figures.push(stats(name, 'data layer', what, times, failures, 100));
    };
    await peakFigure('the utilisation of 500 tenants (a page of ids)', 'readPeaksSince(all tenants, 7 days, 500 ids)', (i) => readPeaksSince(db, all, since, page(i % 20)));
    await peakFigure('the utilisation of 500 tenants (a partner’s scope)', 'readPeaksSince(a partner of 500 customers, 7 days)', (i) => readPeaksSince(db, tree(1 + (i % USAGE_SHAPE.partners)), since));
    for (const figure of figures.slice(-2)) log(`[usage] ${figure.name}: p50 ${ms(figure.median)} ms, p95 ${ms(figure.p95)} ms`);

    return {
      dataset: describedDataset(dataset),
      figures,
      explain: {
        series: await explain(client, (recorder) => readSeries(recorder, seriesTenant(7), range, 'hour')),
        peaksOfTenants: await explain(client, (recorder) => readPeaksSince(recorder, all, since, page(3))),
        peaksOfPartner: await explain(client, (recorder) => readPeaksSince(recorder, tree(5), since)),
      },
    };
  } finally {
    await client.end();
    await handle.close();
  }
}

function describedDataset({ url, ...dataset }: UsageDataset): UsageStorageResult['dataset'] {
  return { ...dataset, database: new URL(url).pathname.slice(1) };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '–');

function statsOfLoad(name: string, what: string, load: LoadStats, expected: number, targetMs: number): UsageFigure {
  const figure = stats(name, 'HTTP', what, [], load.failures + Math.max(0, expected - load.requests - load.failures), targetMs);
  figure.runs = load.requests;
  figure.median = load.p50;
  figure.p95 = load.p95;
  figure.max = load.max;
  figure.targets = [{ metric: 'p95', op: '<', value: targetMs, pass: figure.failures === 0 && load.requests > 0 && load.p95 < targetMs }];
  return figure;
}

/**
 * The usage figures end to end: the database prepared (generated when missing), a production server
 * (`next start`, built by the caller) started on it, measured, stopped.
 */
export async function benchUsageStorage(serverUrl: string, log: (line: string) => void): Promise<UsageStorageResult> {
  const dataset = await prepareUsageDatabase(serverUrl, log);
  log(
    `[usage] ${dataset.minuteRows.toLocaleString('en')} minute rows (${dataset.unrolledRows.toLocaleString('en')} not rolled up), ` +
      `${dataset.peakRows.toLocaleString('en')} peaks; usage_minutes ${(dataset.sizeMb.usageMinutes / 1024).toFixed(1)} GB, ` +
      `usage_peaks ${(dataset.sizeMb.usagePeaks / 1024).toFixed(1)} GB; starting next start on it…`,
  );
  // Not in demo mode: the database is migrated already, and production serves it as it is.
  const app = await startAppServer({ DATABASE_URL: dataset.url, SSPM_DEMO: 'false' });
  try {
    return await measureUsageStorage(dataset, app.url, log);
  } finally {
    await app.stop();
  }
}

const describeUsageTarget = (t: UsageTarget) => `p95 < ${t.value} ms: ${t.pass ? '**pass**' : '**MISS**'}`;

/** The usage figures as a Markdown table, with the dataset they were measured on. */
export function usageMarkdown(result: UsageStorageResult): string {
  const { dataset } = result;
  const generation =
    dataset.generatedSeconds !== null
      ? `generated in this run in ${dataset.generatedSeconds.toFixed(0)} s`
      : `kept from an earlier run (generated in ${dataset.madeInSeconds.toFixed(0)} s)`;
  return [
    `Usage storage (issue 13, PostgreSQL): ${TENANTS.toLocaleString('en')} tenants × ${USAGE_SHAPE.days} days of minute samples in \`${dataset.database}\`, ` +
      `${generation}: ${dataset.minuteRows.toLocaleString('en')} rows of 60-slot arrays (${dataset.unrolledRows.toLocaleString('en')} not rolled up yet), ` +
      `${dataset.peakRows.toLocaleString('en')} hourly and daily peaks; usage_minutes ${(dataset.sizeMb.usageMinutes / 1024).toFixed(1)} GB and ` +
      `usage_peaks ${(dataset.sizeMb.usagePeaks / 1024).toFixed(1)} GB with their indexes. Reads end where the data ends (${dataset.end.toISOString().slice(0, 16)}Z).`,
    '',
    '| figure | via | what | runs | median ms | p95 ms | max ms | failed | target |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.figures.map(
      (f) => `| ${f.name} | ${f.via} | ${f.what} | ${f.runs} | ${ms(f.median)} | ${ms(f.p95)} | ${ms(f.max)} | ${f.failures} | ${f.targets.map(describeUsageTarget).join('<br>')} |`,
    ),
  ].join('\n');
}

// `tsx --conditions=react-server tests/bench/usage-storage.ts`: these figures alone (the build must exist).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = process.env.SSPM_TEST_POSTGRES_URL;
  if (!server) throw new Error('the usage figures need PostgreSQL: set SSPM_TEST_POSTGRES_URL');
  const result = await benchUsageStorage(server, (line) => console.error(line));
  console.log(usageMarkdown(result));
  for (const [name, plan] of Object.entries(result.explain)) console.log(`\nEXPLAIN (ANALYZE, BUFFERS), ${name}:\n${plan}`);
}
