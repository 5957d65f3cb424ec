// `npm run bench:usecases`: latency and throughput of the request use cases and reads, on PGlite and (when
// SSPM_TEST_POSTGRES_URL is set) on the real PostgreSQL server. Numbers, not pass/fail.
import { sql } from 'drizzle-orm';
import { changeRequests, tenants } from '@/db/schema';
import { loadCaller } from '@/lib/auth/load-caller';
import { getRequestDetail, listVisibleRequests, listVisibleTenants } from '@/lib/requests/read-requests';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { BACKENDS, type Backend, createTestDatabase } from '../support/test-db';
import { PERCY, createTestContext } from '../support/use-case-context';

type Stats = { name: string; n: number; p50: number; p95: number; max: number; perSecond: number };

function summarise(name: string, samples: number[], wallMs: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { name, n: samples.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)!, perSecond: (samples.length / wallMs) * 1000 };
}

async function measure(name: string, runs: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) {
        const i = next++;
        const t = performance.now();
        await op(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarise(name, samples, performance.now() - started);
}

async function benchBackend(backend: Backend): Promise<Stats[]> {
  const database = await createTestDatabase(backend);
  const ctx = createTestContext(database);
  const results: Stats[] = [];
  try {
    const TENANTS = 400;
    await database.db.insert(tenants).values(
      Array.from({ length: TENANTS }, (_, i) => ({
        id: `bench-${i}`,
        name: `Bench customer ${i}`,
        parentId: 'classics',
        personalConnectionEnabled: true,
        accountRepEmail: 'rep@ops.example',
        concurrent: 100,
        outbound: 50,
        agentless: 20,
      })),
    );
    const percy = await ctx.callerFor(PERCY);
    const submit = (tenantId: string, concurrent: number) =>
      submitRequest(ctx, percy, createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Bench' }));

    results.push(await measure('submit, auto-approved (sequential)', 150, 1, (i) => submit(`bench-${i}`, 110)));
    results.push(await measure('submit, held for information (sequential)', 100, 1, (i) => submit(`bench-${150 + i}`, 500)));
    if (backend === 'postgres') {
      results.push(await measure('submit, auto-approved (8 at once, distinct tenants)', 150, 8, (i) => submit(`bench-${250 + i}`, 110)));
    }

    // A history of 10,000 requests for the list and the detail.
    const ROWS = 10_000;
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let offset = 0; offset < ROWS; offset += 1_000) {
      await database.db.insert(changeRequests).values(
        Array.from({ length: 1_000 }, (_, j) => ({
          tenantId: `bench-${(offset + j) % TENANTS}`,
          status: 'rejected' as const,
          changes: { concurrent: { from: 100, to: 900 } },
          concurrentDelta: 800,
          reason: 'History',
          requestedBy: PERCY,
          decidedBy: 'rep@ops.example',
          decidedAt: new Date(base + (offset + j) * 60_000),
          createdAt: new Date(base + (offset + j) * 60_000),
          updatedAt: new Date(base + (offset + j) * 60_000),
        })),
      );
    }
    await database.db.execute(sql`analyze`);
    const firstPage = await listVisibleRequests(ctx, percy, { limit: 20 });
    let deepCursor: string | undefined;
    for (let page = 0, cursor: string | undefined; page < 250; page += 1) {
      const result = await listVisibleRequests(ctx, percy, { limit: 20, cursor });
      cursor = result.nextCursor ?? undefined;
      deepCursor = cursor;
    }
    results.push(await measure('list requests, first page of 20 (10k history)', 300, 1, () => listVisibleRequests(ctx, percy, { limit: 20 })));
    results.push(await measure('list requests, page 250 by cursor', 300, 1, () => listVisibleRequests(ctx, percy, { limit: 20, cursor: deepCursor })));
    results.push(await measure('list requests, one tenant, first page', 300, 1, () => listVisibleRequests(ctx, percy, { limit: 20, tenantId: 'bench-7' })));
    results.push(await measure('request detail with timeline', 300, 1, () => getRequestDetail(ctx, percy, firstPage.items[0]!.id)));
    results.push(await measure('tenants of a partner (403 tenants)', 300, 1, () => listVisibleTenants(ctx, percy)));
    results.push(await measure('resolve the caller (per-request auth path)', 500, 1, () => loadCaller(database.db, PERCY)));
  } finally {
    await database.dispose();
  }
  return results;
}

const fmt = (value: number) => value.toFixed(value < 10 ? 2 : 1);
for (const backend of BACKENDS) {
  const results = await benchBackend(backend);
  console.log(`\n${backend}`);
  console.log('| operation | n | p50 ms | p95 ms | max ms | ops/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.name} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} | ${r.perSecond.toFixed(0)} |`);
}
