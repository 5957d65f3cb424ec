import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tenants } from '@/db/schema';
import { runRevertJob } from '@/lib/jobs/revert-job';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { PERCY, type TestContext, createTestContext } from '../support/use-case-context';

const SECRET = 'a-cron-secret-of-enough-length-0123';
const HOUR = 60 * 60 * 1000;

describe.each(BACKENDS)('GET /api/cron/revert-temporary on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await database.dispose();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function routeWith(secret: string) {
    vi.stubEnv('CRON_SECRET', secret);
    vi.resetModules();
    return import('@/app/api/cron/revert-temporary/route');
  }
  async function temporaryRaise() {
    await resetTestDatabase(database);
    ctx = createTestContext(database);
    installAppContext(ctx);
    await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({
        tenantId: 'league',
        changes: { concurrent: 200 },
        reason: 'Drive',
        revertAt: new Date(ctx.clock().getTime() + 2 * HOUR).toISOString(),
      }),
    );
    ctx.clockControl.advance(3 * HOUR);
  }
  const concurrent = async () => (await database.db.select().from(tenants).where(eq(tenants.id, 'league')))[0]!.concurrent;

  it('refuses the call without the scheduler’s bearer secret (401), and reverts nothing', async () => {
    await temporaryRaise();
    const route = await routeWith(SECRET);
    const response = await route.GET(new Request('http://localhost/api/cron/revert-temporary'));
    expect(response.status).toBe(401);
    expect(await concurrent()).toBe(200);
  });

  it('reverts what is due and reports it', async () => {
    await temporaryRaise();
    const route = await routeWith(SECRET);
    const response = await route.GET(
      new Request('http://localhost/api/cron/revert-temporary', { headers: { authorization: `Bearer ${SECRET}` } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ran: true, reverted: 1, blocked: 0, caseMessagesSent: 1 });
    expect(await concurrent()).toBe(150);
  });

  it('lets one run at a time do the work', async () => {
    await temporaryRaise();
    const reports = await Promise.all([runRevertJob(ctx), runRevertJob(ctx)]);
    expect(reports.map((report) => report.ran).sort()).toEqual([false, true]);
    expect(reports.reduce((sum, report) => sum + report.reverted, 0)).toBe(1);
    expect(await concurrent()).toBe(150);
  });
});
