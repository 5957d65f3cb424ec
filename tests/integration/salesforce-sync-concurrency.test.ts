import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { auditEvents, caseOperations, tenants } from '@/db/schema';
import type { UseCaseContext } from '@/lib/use-case-context';
import { submitRequest } from '@/lib/requests/submit-request';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';
import { createRequestSchema } from '@/lib/validation/request';
import { AfterAnswerQueue, salesforceDeskFor } from '../support/salesforce';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';

// Two serverless instances at once: separate connection pools and separate jsforce sessions on one
// database. PGlite is a single connection, so these races are only real on the server.
describe.skipIf(!POSTGRES_URL)('two Salesforce syncs at the same moment, on PostgreSQL', () => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let emulator: SalesforceEmulator;
  let ctx: TestContext;
  let other: UseCaseContext;
  const dropped = new AfterAnswerQueue(); // answers whose after() work never ran: the instance died

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    second = await openDatabase({ kind: 'pg', url: database.url! });
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    emulator = await startSalesforceEmulator();
    ctx = { ...createTestContext(database), caseDesk: salesforceDeskFor(emulator), afterAnswer: dropped.schedule };
    other = { db: second.db, caseDesk: salesforceDeskFor(emulator), clock: ctx.clock };
    await database.db.insert(tenants).values(
      Array.from({ length: 30 }, (_, i) => ({ id: `c-${i}`, name: `C ${i}`, parentId: 'classics', accountRepEmail: REP, concurrent: 100 })),
    );
  });
  afterEach(async () => {
    await emulator.stop();
  });
  afterAll(async () => {
    await second.close();
    await database.dispose();
  });

  const submit = async (tenantId: string, concurrent: number, justification?: string) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Race', justification }));

  it('never sends a message twice nor applies a decision twice', async () => {
    // Ten requests in review, their cases opened and then approved by a rep in Salesforce…
    const reviewed = [];
    for (let i = 0; i < 10; i += 1) reviewed.push(await submit(`c-${i}`, 900, 'Big drive'));
    await dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock });
    for (const request of reviewed) {
      emulator.org.decideInUi(emulator.org.caseByExternalId(request.id)!.Id, 'Approved', { email: REP, comment: 'Yes' });
    }
    // …and twenty auto-approved requests whose case operations are all still in the outbox.
    for (let i = 10; i < 30; i += 1) await submit(`c-${i}`, 150);
    emulator.calls.reset();
    emulator.faults.latencyMs = 15; // long enough for the runs to overlap

    const reports = await Promise.all([runSalesforceSync(ctx), runSalesforceSync(other)]);

    expect(reports.map((report) => report.ran).sort()).toEqual([false, true]);
    const ran = reports.find((report) => report.ran)!;
    expect(ran).toMatchObject({ messagesSent: 50, decisionsApplied: 10, casesRead: 10, complete: true });

    // Every case once, every message once: 20 opens, 20 + 10 closings, one SOQL read.
    expect(emulator.org.table('Case').size).toBe(30);
    expect(emulator.calls.get('POST /composite')).toBe(50);
    expect(emulator.calls.get('GET /query')).toBe(1);
    for (const kase of emulator.org.table('Case').values()) {
      const closings = emulator.org.commentsOf(kase.Id).filter((comment) => String(comment.CommentBody).startsWith('Approved'));
      expect(closings).toHaveLength(1);
    }
    const [approvals] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'approve'), eq(auditEvents.actor, 'salesforce:rep@ops.example')));
    expect(approvals!.n).toBe(10);
  });

  it('lets dispatchers on two instances share the outbox without sending any message twice', async () => {
    for (let i = 0; i < 30; i += 1) await submit(`c-${i}`, 150);
    emulator.faults.latencyMs = 5;

    const [a, b] = await Promise.all([
      dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock, batchSize: 5 }),
      dispatchCaseOperations(other.db, other.caseDesk, { now: ctx.clock, batchSize: 5 }),
    ]);

    expect(a.sent + b.sent).toBe(60);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(emulator.calls.get('POST /composite')).toBe(60);
    expect(emulator.org.table('Case').size).toBe(30);
    const [unsent] = await database.db.select({ n: count() }).from(caseOperations).where(eq(caseOperations.state, 'pending'));
    expect(unsent!.n).toBe(0);
  });
});
