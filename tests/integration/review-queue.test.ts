import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { AppError } from '@/lib/domain/errors';
import { decideRequest } from '@/lib/requests/decide-request';
import { listBlockedRevertsForRep, listReviewQueue } from '@/lib/requests/read-requests';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { ATHOS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const HOUR = 60 * 60 * 1000;
const REP_TWO = 'rep2@ops.example';

describe.each(BACKENDS)('the reps’ approvals queue on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    await database.db.insert(users).values({ email: REP_TWO, name: 'Second rep', groups: ['sspm-account-rep'] });
  });

  const submit = async (email: string, tenantId: string, concurrent: number, extra: Record<string, string> = {}) =>
    submitRequest(ctx, await ctx.callerFor(email), createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Drive', ...extra }));

  it('lists requests in review oldest first, with their age against the review target, recent requests and today’s auto-approvals', async () => {
    await submit(PERCY, 'league', 180);
    ctx.clockControl.advance(60_000);
    await submit(PERCY, 'league', 170);
    ctx.clockControl.advance(60_000);
    const older = await submit(PERCY, 'league', 400, { justification: 'Drive' });
    ctx.clockControl.advance(HOUR);
    const newer = await submit(ATHOS, 'musketeers', 900, { justification: 'Campaign' });

    const fresh = await listReviewQueue(ctx, await ctx.callerFor(REP));
    expect(fresh.map((item) => [item.request.id, item.urgency])).toEqual([
      [older.id, 'on_time'],
      [newer.id, 'on_time'],
    ]);
    const league = fresh[0]!;
    expect(league.recent.map((request) => request.changes.concurrent?.to)).toEqual([170, 180]);
    expect(league.tenant.limits.concurrent).toBe(170);
    expect([league.autoApprovedToday, league.threshold]).toEqual([30, 100]);

    ctx.clockControl.advance(24 * HOUR);
    expect((await listReviewQueue(ctx, await ctx.callerFor(REP))).map((item) => item.urgency)).toEqual(['amber', 'on_time']);
    ctx.clockControl.advance(48 * HOUR);
    expect((await listReviewQueue(ctx, await ctx.callerFor(REP)))[0]!.urgency).toBe('red');
  });

  it('lets exactly one of two reps deciding at once win, and tells the other who decided', async () => {
    const request = await submit(PERCY, 'league', 400, { justification: 'Drive' });
    const results = await Promise.allSettled([
      decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'approve', comment: '' }),
      decideRequest(ctx, await ctx.callerFor(REP_TWO), request.id, { decision: 'reject', comment: 'No' }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as AppError] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((error) => error.code)).toEqual(['already_decided']);
    const winner = (won[0] as PromiseFulfilledResult<{ decision: { by: string } }>).value.decision.by;
    expect(lost[0]!.message).toContain(winner);
  });

  it('shows reps the temporary changes whose end could not restore the limits', async () => {
    const temporary = await submit(PERCY, 'league', 200, { revertAt: new Date(ctx.clock().getTime() + 2 * HOUR).toISOString() });
    ctx.clockControl.advance(HOUR);
    await submit(PERCY, 'league', 210);
    ctx.clockControl.advance(2 * HOUR);
    await revertTemporaryChanges(ctx);
    const blocked = await listBlockedRevertsForRep(ctx, await ctx.callerFor(REP));
    expect(blocked).toMatchObject([{ request: { id: temporary.id }, reason: { code: 'ports_moved', types: ['concurrent'] } }]);
    await expect(listBlockedRevertsForRep(ctx, await ctx.callerFor(PERCY))).rejects.toThrow(AppError);
  });
});
