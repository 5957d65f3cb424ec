import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, changeRequests } from '@/db/schema';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { PERCY, type TestContext, createTestContext } from '../support/use-case-context';

// Contention is only real on the server: PGlite serialises everything on one connection.
describe.skipIf(!POSTGRES_URL)('timestamps under contention (reliability item 6)', () => {
  let database: TestDatabase;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    // The wall clock: the order of timestamps is what is under test.
    ctx = { ...createTestContext(database), clock: () => new Date() };
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('dates each of 30 racing submissions after it got the tenant lock, so their times follow the order they were applied in', async () => {
    const percy = await ctx.callerFor(PERCY);
    const results = await Promise.allSettled(
      // 151 and 152 in turn: each one that finds the other value applied is a real change, approved at once.
      Array.from({ length: 30 }, (_, i) =>
        submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 151 + (i % 2) }, reason: 'Race' })),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThan(5);

    // The audit log's ids are the order of application: each was written holding the tenant lock.
    const applied = await database.db
      .select({ createdAt: changeRequests.createdAt, decidedAt: changeRequests.decidedAt, at: auditEvents.at })
      .from(auditEvents)
      .innerJoin(changeRequests, eq(changeRequests.id, auditEvents.requestId))
      .where(eq(auditEvents.action, 'submitted'))
      .orderBy(asc(auditEvents.id));
    for (let i = 1; i < applied.length; i += 1) {
      expect(applied[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(applied[i - 1]!.createdAt.getTime());
      expect(applied[i]!.at.getTime()).toBeGreaterThanOrEqual(applied[i - 1]!.at.getTime());
      if (applied[i]!.decidedAt && applied[i - 1]!.decidedAt) {
        expect(applied[i]!.decidedAt!.getTime()).toBeGreaterThanOrEqual(applied[i - 1]!.decidedAt!.getTime());
      }
    }
  });
});
