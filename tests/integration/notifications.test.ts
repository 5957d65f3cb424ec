import { describe, expect, it } from 'vitest';
import * as notificationsRoute from '@/app/api/v1/notifications/route';
import * as readRoute from '@/app/api/v1/notifications/read/route';
import { notifications } from '@/db/schema';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { ATHOS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

describe.each(BACKENDS)('notifications on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    installAppContext(ctx);
  });

  const submit = async (concurrent: number, justification?: string) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Drive', justification }));
  const sent = async () =>
    (await database.db.select().from(notifications).orderBy(notifications.id)).map((row) => [row.recipient, row.kind]);

  it('tells the requester of an automatic approval', async () => {
    await submit(200);
    expect(await sent()).toEqual([[PERCY, 'approved']]);
  });

  it('asks the requester for information, then asks the rep to decide, then tells the requester the outcome', async () => {
    const request = await submit(260);
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Peak of 240' });
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Not this week' });
    expect(await sent()).toEqual([
      [PERCY, 'information_needed'],
      [REP, 'approval_requested'],
      [PERCY, 'rejected'],
    ]);
    const [, , rejected] = await database.db.select().from(notifications).orderBy(notifications.id);
    expect(rejected!.body).toContain('Not this week');
  });

  it('tells both sides of a justified request at once, and the rep when it is withdrawn', async () => {
    const request = await submit(400, 'Drive');
    await cancelRequest(ctx, await ctx.callerFor(PERCY), request.id);
    expect(await sent()).toEqual([
      [PERCY, 'submitted'],
      [REP, 'approval_requested'],
      [REP, 'cancelled'],
    ]);
  });

  it('serves each user only their own inbox, with the unread count, and marks read only their own', async () => {
    await submit(400, 'Drive');
    const percy = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: PERCY });
    expect(percy.status).toBe(200);
    expect(percy.json).toMatchObject({ unread: 1, items: [{ kind: 'submitted', read: false }] });
    const athos = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: ATHOS });
    expect(athos.json).toMatchObject({ unread: 0, items: [] });

    const repInbox = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: REP });
    const repId = repInbox.json!.items[0].id as number;
    const foreign = await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: [repId] } });
    expect(foreign.json!.unread).toBe(1);
    expect((await call(notificationsRoute.GET, 'GET', '/x', { as: REP })).json!.unread).toBe(1);

    const all = await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: 'all' } });
    expect(all.json).toMatchObject({ unread: 0, items: [{ read: true }] });
    expect((await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: 'some' } })).status).toBe(400);
    expect((await call(notificationsRoute.GET, 'GET', '/x')).status).toBe(401);
  });
});
