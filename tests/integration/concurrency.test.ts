import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, caseOperations, changeRequests, tenants } from '@/db/schema';
import { AppError } from '@/lib/domain/errors';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { PERCY, type TestContext, createTestContext } from '../support/use-case-context';
import { POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

// PGlite is a single connection and serialises everything; races are only real on the server.
describe.skipIf(!POSTGRES_URL)('racing submissions on PostgreSQL', () => {
  let database: TestDatabase;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    ctx = createTestContext(database);
  });
  afterAll(async () => {
    await database.dispose();
  });

  async function race(targets: number[]) {
    const percy = await ctx.callerFor(PERCY);
    return Promise.allSettled(
      targets.map((concurrent) =>
        submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Race' })),
      ),
    );
  }

  it('lets exactly one of 20 simultaneous over-threshold submissions through; the others get request_already_open', async () => {
    const results = await race(Array.from({ length: 20 }, (_, i) => 300 + i));

    const succeeded = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(AppError);
      expect((reason as AppError).code).toBe('request_already_open');
    }

    const requests = await database.db.select().from(changeRequests);
    expect(requests.map((request) => request.status)).toEqual(['pending_info']);
    expect(await database.db.select().from(auditEvents)).toHaveLength(2);
    expect(await database.db.select().from(caseOperations)).toHaveLength(1);
    const [league] = await database.db.select().from(tenants).where(eq(tenants.id, 'league'));
    expect(league).toMatchObject({ concurrent: 150, outbound: 80, agentless: 40 });
  });

  it('never auto-approves more than the daily threshold across 20 simultaneous within-threshold submissions', async () => {
    const results = await race(Array.from({ length: 20 }, (_, i) => 160 + 10 * i));
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(['request_already_open', 'no_change']).toContain((result.reason as AppError).code);
      }
    }

    const requests = await database.db.select().from(changeRequests);
    const autoApproved = requests.filter((request) => request.decidedBy === 'auto');
    const consumed = autoApproved.reduce((sum, request) => sum + Math.max(0, request.concurrentDelta), 0);
    expect(autoApproved.length).toBeGreaterThan(0);
    expect(consumed).toBeLessThanOrEqual(100);

    // Serialised under the tenant's lock: every approval started from the limit the previous one left.
    const [league] = await database.db.select().from(tenants).where(eq(tenants.id, 'league'));
    const applied = autoApproved.reduce((sum, request) => sum + request.concurrentDelta, 0);
    expect(league!.concurrent).toBe(150 + applied);
    const chain = [...autoApproved].sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
    const froms = new Set(chain.map((request) => request.changes.concurrent!.from));
    expect(froms.size).toBe(chain.length);
  });
});
