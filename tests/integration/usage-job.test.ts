import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase, queryRows } from '@/db/client';
import { DEMO_TENANTS } from '@/db/demo-data';
import { deleteExpiredUsage, readSeries, rollUpUsage, storeSamples } from '@/lib/data/usage';
import { perPortType } from '@/lib/domain/ports';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Peaks, type UsageSample, bucketStart, sampleSlot } from '@/lib/domain/usage';
import { runUsageJob } from '@/lib/jobs/usage-job';
import { installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { expectedPeaks as allPeaks, peakKey, samplesFor } from '../support/usage-samples';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const SECRET = 'a-cron-secret-of-enough-length-0123';

type Stored = Map<string, Peaks>;

/** The hour and day peaks the samples make (what usage_peaks must hold once everything is rolled up). */
const expectedPeaks = (samples: readonly UsageSample[]): Stored =>
  new Map([...allPeaks(samples)].filter(([key]) => !key.includes(' minute ')));

async function storedPeaks(db: Database): Promise<Stored> {
  const rows = await queryRows<{ tenant_id: string; bucket: 'hour' | 'day'; start: Date | string } & Peaks>(
    db,
    sql`select tenant_id, bucket, start, concurrent, outbound, agentless from usage_peaks`,
  );
  return new Map(rows.map((row) => [peakKey(row.tenant_id, row.bucket, new Date(row.start)), perPortType((type) => row[type])]));
}

const countRows = async (db: Database, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]!.n;
const unrolled = (db: Database) => countRows(db, sql`select count(*)::int as n from usage_minutes where not rolled`);
const minuteRows = (db: Database) => countRows(db, sql`select count(*)::int as n from usage_minutes`);

const TENANT_IDS = DEMO_TENANTS.map((tenant) => tenant.id!);
/** The job's batches in these tests: a few hundred rows make several of them. */
const SMALL_BATCH = 50;

describe.each(BACKENDS)('the usage rollup job (issue 13 §2) on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    ctx.clockControl.set(NOW);
  });

  it('makes every hour and day peak exactly what the minute rows say, and marks the rows rolled', async () => {
    const samples = samplesFor(TENANT_IDS.slice(0, 12), NOW, 50);
    await storeSamples(database.db, samples);
    const rows = await minuteRows(database.db);

    const report = await runUsageJob(ctx);
    expect(report).toEqual({ ran: true, rolled: rows, deleted: 0, seconds: expect.any(Number) });
    expect(await unrolled(database.db)).toBe(0);
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks(samples));
    // The reads agree before and after: the peaks rolled up are those of the rows.
    const range = { from: new Date(NOW.getTime() - 3 * DAY_MS), to: NOW };
    for (const bucket of ['hour', 'day'] as const) {
      const series = await readSeries(database.db, TENANT_IDS[0]!, range, bucket);
      const expected = expectedPeaks(samples);
      expect(series.length).toBeGreaterThan(0);
      for (const point of series) expect(perPortType((type) => point[type])).toEqual(expected.get(peakKey(TENANT_IDS[0]!, bucket, point.start)));
    }
    expect(await runUsageJob(ctx)).toMatchObject({ ran: true, rolled: 0, deleted: 0 });
  });

  it('rolls up more rows than one batch in several short transactions, in one run', async () => {
    const samples = samplesFor(TENANT_IDS, NOW, 2, 2);
    await storeSamples(database.db, samples);
    const rows = await minuteRows(database.db);
    expect(rows).toBeGreaterThan(3 * SMALL_BATCH);
    expect(await runUsageJob(ctx, { rollupBatch: SMALL_BATCH })).toMatchObject({ ran: true, rolled: rows });
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks(samples));
  });

  it('runs one run at a time: two runs at once neither lose nor double a row, and the peaks are exact', async () => {
    const samples = samplesFor(TENANT_IDS, NOW, 3, 3);
    await storeSamples(database.db, samples);
    const rows = await minuteRows(database.db);
    const reports = await Promise.all([runUsageJob(ctx, { rollupBatch: SMALL_BATCH }), runUsageJob(ctx, { rollupBatch: SMALL_BATCH })]);
    expect(reports.some((report) => report.ran)).toBe(true);
    // Only a run that held the lock did anything; between them, every row once.
    for (const report of reports) if (!report.ran) expect(report).toMatchObject({ rolled: 0, deleted: 0 });
    expect(reports[0]!.rolled + reports[1]!.rolled).toBe(rows);
    expect(await unrolled(database.db)).toBe(0);
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks(samples));
  });

  it('stops starting new work when its budget is spent, and the next run picks up the rest', async () => {
    const samples = samplesFor(TENANT_IDS.slice(0, 5), NOW, 10, 4);
    await storeSamples(database.db, samples);
    expect(await runUsageJob(ctx, { budgetMs: 0 })).toMatchObject({ ran: true, rolled: 0, deleted: 0 });
    expect(await unrolled(database.db)).toBe(await minuteRows(database.db));
    expect((await runUsageJob(ctx)).rolled).toBe(await minuteRows(database.db));
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks(samples));
  });

  it('re-rolls the hour of a late sample: shown at once, in the hour and day peaks after the next run', async () => {
    const hour = new Date(NOW.getTime() - 5 * HOUR_MS);
    const first: UsageSample[] = [
      { tenantId: 'league', at: new Date(hour.getTime() + 10 * MINUTE_MS), concurrent: 100, outbound: 40 },
      { tenantId: 'league', at: new Date(hour.getTime() + 20 * MINUTE_MS), concurrent: 110, outbound: 30 },
      { tenantId: 'league', at: new Date(hour.getTime() + 2 * HOUR_MS), concurrent: 90 },
    ];
    await storeSamples(database.db, first);
    await runUsageJob(ctx);
    const late = { tenantId: 'league', at: new Date(hour.getTime() + 45 * MINUTE_MS), concurrent: 130, agentless: 7 };
    await storeSamples(database.db, [late]);
    expect(await unrolled(database.db)).toBe(1);
    const range = { from: bucketStart(hour, 'day'), to: NOW };
    // Read before the next run: the unrolled row and the stale peak together give the new maximum.
    expect(await readSeries(database.db, 'league', range, 'hour')).toContainEqual({ start: hour, concurrent: 130, outbound: 40, agentless: 7 });
    expect(await runUsageJob(ctx)).toMatchObject({ rolled: 1 });
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks([...first, late]));
    expect((await storedPeaks(database.db)).get(peakKey('league', 'day', bucketStart(hour, 'day')))).toEqual({ concurrent: 130, outbound: 40, agentless: 7 });

    // A lower late sample re-rolls the hour too, and changes no peak.
    const low = { tenantId: 'league', at: new Date(hour.getTime() + 50 * MINUTE_MS), concurrent: 1 };
    await storeSamples(database.db, [low]);
    expect(await runUsageJob(ctx)).toMatchObject({ rolled: 1 });
    expect(await storedPeaks(database.db)).toEqual(expectedPeaks([...first, late, low]));
    // A resend changes nothing, so nothing is rolled again.
    await storeSamples(database.db, [late, low]);
    expect(await runUsageJob(ctx)).toMatchObject({ rolled: 0 });
  });

  it('deletes minute rows older than 35 days once rolled, and peaks older than two years, keeping the rest', async () => {
    const at = (days: number, minutes = 30) => new Date(NOW.getTime() - days * DAY_MS + minutes * MINUTE_MS);
    await storeSamples(database.db, [
      { tenantId: 'league', at: at(36), concurrent: 11 },
      { tenantId: 'league', at: at(35, -90), concurrent: 12 },
      { tenantId: 'league', at: at(34), concurrent: 13 },
      { tenantId: 'blakeney', at: at(1), concurrent: 14 },
    ]);
    // Not rolled up yet: kept whatever its age, or its peaks would be lost.
    expect(await database.db.transaction((tx) => deleteExpiredUsage(tx, NOW, 100))).toBe(0);
    // Peaks older than two years (several batches of them) go; younger ones stay.
    await database.db.execute(sql`
      insert into usage_peaks (tenant_id, bucket, start, concurrent)
      select 'league', 'hour', ${new Date(NOW.getTime() - 800 * DAY_MS).toISOString()}::timestamptz + g * interval '1 hour', 5
        from generate_series(0, 200) g`);
    await database.db.execute(sql`
      insert into usage_peaks (tenant_id, bucket, start, concurrent) values
        ('league', 'day', ${new Date(NOW.getTime() - 732 * DAY_MS).toISOString()}::timestamptz, 6),
        ('league', 'day', ${new Date(NOW.getTime() - 730 * DAY_MS).toISOString()}::timestamptz, 7),
        ('league', 'hour', ${new Date(NOW.getTime() - 730 * DAY_MS).toISOString()}::timestamptz, 7)`);

    const report = await runUsageJob(ctx, { retentionBatch: SMALL_BATCH });
    // The two minute rows older than 35 days, the 201 old hours and the old day.
    expect(report).toMatchObject({ ran: true, rolled: 4, deleted: 2 + 201 + 1 });
    const minutes = await queryRows<{ tenant_id: string; hour_start: Date | string }>(
      database.db,
      sql`select tenant_id, hour_start from usage_minutes order by hour_start`,
    );
    expect(minutes.map((row) => [row.tenant_id, new Date(row.hour_start).toISOString()])).toEqual([
      ['league', sampleSlot(at(34)).hourStart.toISOString()],
      ['blakeney', sampleSlot(at(1)).hourStart.toISOString()],
    ]);
    // The rows deleted live on as peaks: two years of them.
    const peaks = await storedPeaks(database.db);
    expect(peaks.get(peakKey('league', 'hour', sampleSlot(at(36)).hourStart))).toEqual({ concurrent: 11, outbound: null, agentless: null });
    expect(peaks.get(peakKey('league', 'day', new Date(NOW.getTime() - 730 * DAY_MS)))).toEqual({ concurrent: 7, outbound: null, agentless: null });
    expect([...peaks.keys()].filter((key) => new Date(key.split(' ')[2]!) < new Date(NOW.getTime() - 731 * DAY_MS))).toEqual([]);
    // The four hours rolled up and their four days, and the two younger than two years.
    expect(peaks.size).toBe(4 + 4 + 2);
    expect(await runUsageJob(ctx)).toMatchObject({ rolled: 0, deleted: 0 });
  });

  it.skipIf(backend !== 'postgres')('never loses or doubles anything when rollups run at once beside the ingestion (PostgreSQL)', async () => {
    // Four connections rolling up in small batches while late samples keep coming: whatever the
    // interleaving, once they are done and a last run has passed, the peaks are exactly the samples'.
    const other = await openDatabase({ kind: 'pg', url: database.url! });
    try {
      const early = samplesFor(TENANT_IDS, NOW, 12, 5);
      await storeSamples(database.db, early);
      const late = samplesFor(TENANT_IDS, NOW, 12, 6);
      const rollers = [database.db, other.db, database.db, other.db].map(async (db) => {
        let rolled = 0;
        for (;;) {
          const batch = await db.transaction((tx) => rollUpUsage(tx, 37));
          if (batch === 0) return rolled;
          rolled += batch;
        }
      });
      const ingestion = (async () => {
        for (let i = 0; i < late.length; i += 500) await storeSamples(other.db, late.slice(i, i + 500));
      })();
      await Promise.all([...rollers, ingestion]);
      await runUsageJob(ctx);
      expect(await unrolled(database.db)).toBe(0);
      expect(await storedPeaks(database.db)).toEqual(expectedPeaks([...early, ...late]));
    } finally {
      await other.close();
    }
  });

  it.skipIf(backend !== 'postgres')('shares the rows between two rollUpUsage calls at once: each row once, the shared day peak the greater (PostgreSQL)', async () => {
    const other = await openDatabase({ kind: 'pg', url: database.url! });
    try {
      // One tenant, 48 hours: the two calls' rows meet inside a day, whose peak both write.
      const samples = samplesFor(['league'], NOW, 48, 7);
      await storeSamples(database.db, samples);
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstRolled!: () => void;
      const firstDone = new Promise<void>((resolve) => (firstRolled = resolve));
      const first = database.db.transaction(async (tx) => {
        const rolled = await rollUpUsage(tx, 30);
        firstRolled();
        // Still uncommitted while the second call runs: its claimed rows are locked.
        await firstHolds;
        return rolled;
      });
      await firstDone;
      const second = other.db.transaction((tx) => rollUpUsage(tx, 100));
      // The second call skips the first one's rows, and waits only on the day peak they share.
      await new Promise((resolve) => setTimeout(resolve, 200));
      releaseFirst();
      expect([await first, await second]).toEqual([30, 18]);
      expect(await unrolled(database.db)).toBe(0);
      expect(await storedPeaks(database.db)).toEqual(expectedPeaks(samples));
    } finally {
      await other.close();
    }
  });
});

describe.each(BACKENDS)('GET /api/cron/usage-rollup on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    ctx.clockControl.set(NOW);
    installAppContext(ctx);
    await storeSamples(database.db, samplesFor(['league', 'blakeney'], NOW, 3, 8));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** The route as a fresh process with this environment would load it (the environment is read once). */
  async function routeWith(secret: string | undefined) {
    vi.stubEnv('CRON_SECRET', secret ?? '');
    vi.resetModules();
    return import('@/app/api/cron/usage-rollup/route');
  }
  const get = (route: { GET: (request: Request) => Promise<Response> }, authorization?: string) =>
    route.GET(new Request('http://localhost:3000/api/cron/usage-rollup', { headers: authorization ? { authorization } : {} }));

  it('is rendered on every call, never cached', async () => {
    expect((await routeWith(SECRET)).dynamic).toBe('force-dynamic');
  });

  it('answers 401 without the scheduler’s bearer secret, or with a wrong one, and rolls nothing up', async () => {
    const route = await routeWith(SECRET);
    for (const authorization of [undefined, `Bearer ${SECRET}x`, 'Bearer short', `Basic ${SECRET}`, SECRET]) {
      const response = await get(route, authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    }
    expect(await unrolled(database.db)).toBe(6);
  });

  it('refuses every call when CRON_SECRET is unset (fails closed)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const route = await routeWith(undefined);
    for (const authorization of [undefined, 'Bearer ', 'Bearer undefined', `Bearer ${SECRET}`]) {
      expect((await get(route, authorization)).status).toBe(401);
    }
    expect(await unrolled(database.db)).toBe(6);
    log.mockRestore();
  });

  it('runs the rollup with the right secret and reports what it did as JSON', async () => {
    const response = await get(await routeWith(SECRET), `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ran: true, rolled: 6, deleted: 0, seconds: expect.any(Number) });
    expect(await unrolled(database.db)).toBe(0);
  });
});
