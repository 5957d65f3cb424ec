import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as csvRoute from '@/app/api/v1/requests.csv/route';
import { listRequests } from '@/lib/data/requests';
import { APP_ORIGIN, installAppContext, sessionCookieFor } from '../support/api';
import { POSTGRES_URL, type TestDatabase, createTestDatabase } from '../support/test-db';
import { PERCY, createTestContext } from '../support/use-case-context';

const ROWS = 100_000;
const MB = 1024 * 1024;

// A full collection before each reading, so that what is measured is what the export holds, not
// garbage a collection would have freed anyway.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const heapUsed = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/**
 * The measure of the CSV export: 100,000 requests on PostgreSQL, read chunk by chunk through
 * the route handler, with the server's heap before and at its peak, against what the same rows cost
 * held in memory at once. The figures are printed for the closing note.
 */
describe.skipIf(!POSTGRES_URL)('GET /api/v1/requests.csv exports 100,000 requests with bounded memory (PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    installAppContext(createTestContext(database));
    await database.db.execute(sql`
      insert into change_requests (tenant_id, status, changes, concurrent_delta, reason, requested_by, case_number,
                                   created_at, updated_at, decided_by, decided_at, decision_comment)
      select (array['classics', 'league', 'blakeney'])[1 + i % 3], 'approved',
             '{"concurrent":{"from":150,"to":160},"outbound":{"from":80,"to":90}}'::jsonb, 10,
             'Membership drive, wave ' || i || ': "' || md5(i::text) || '"', 'percy@classics.example', lpad(i::text, 8, '0'),
             timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute', timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute',
             'auto', timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute', null
      from generate_series(1, ${ROWS}) as i`);
    await database.db.execute(sql`analyze change_requests`);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it('streams every row while the heap grows by a small fraction of what the rows cost held at once', async () => {
    const cookie = await sessionCookieFor(PERCY);
    const before = heapUsed();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const response = await csvRoute.GET(new Request(new URL('/api/v1/requests.csv', APP_ORIGIN), { headers: { cookie } }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);

    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    let peakHeap = 0;
    let peakRss = 0;
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      for (const byte of next.value) if (byte === 0x0a) lines += 1;
      chunks += 1;
      // Every tenth chunk: a full collection costs more than a batch.
      if (chunks % 10 === 1) peakHeap = Math.max(peakHeap, heapUsed() - before);
      peakRss = Math.max(peakRss, process.memoryUsage().rss - rssBefore);
    }
    const seconds = (performance.now() - started) / 1000;
    // Quoted reasons hold no line break: one line per request, and the header.
    expect(lines).toBe(ROWS + 1);

    // The same rows held at once, as an export that loads everything first would hold them.
    const ctx = createTestContext(database);
    const percy = await ctx.callerFor(PERCY);
    const beforeAll = heapUsed();
    const all = await listRequests(database.db, percy.scope, { limit: ROWS });
    const allAtOnce = heapUsed() - beforeAll;
    expect(all.rows).toHaveLength(ROWS);

    console.info(
      `CSV export of ${ROWS.toLocaleString('en')} requests on PostgreSQL: ${(bytes / MB).toFixed(1)} MB in ${chunks} chunks, ` +
        `${seconds.toFixed(1)} s (${Math.round(ROWS / seconds).toLocaleString('en')} rows/s); heap growth at its peak ` +
        `${(peakHeap / MB).toFixed(1)} MB, RSS growth ${(peakRss / MB).toFixed(1)} MB; the same rows held at once: ` +
        `${(allAtOnce / MB).toFixed(1)} MB of heap`,
    );
    expect(peakHeap).toBeLessThan(allAtOnce / 10);
    expect(peakHeap).toBeLessThan(32 * MB);
  }, 180_000);
});
