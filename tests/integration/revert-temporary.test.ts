import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, caseOperations, changeRequests, notifications, tenants } from '@/db/schema';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const HOUR = 60 * 60 * 1000;

describe.each(BACKENDS)('temporary changes ending on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  const submit = async (changes: Record<string, number>, revertInMs?: number) =>
    submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({
        tenantId: 'league',
        changes,
        reason: 'Membership drive',
        revertAt: revertInMs ? new Date(ctx.clock().getTime() + revertInMs).toISOString() : undefined,
      }),
    );
  const league = async () => (await database.db.select().from(tenants).where(eq(tenants.id, 'league')))[0]!;
  const requestRow = async (id: string) => (await database.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]!;
  const lastCaseComment = async (id: string) =>
    ((await database.db.select().from(caseOperations).where(eq(caseOperations.requestId, id)).orderBy(caseOperations.id)).at(-1)!.payload as { body?: string })
      .body;
  const noticesOf = async (id: string) =>
    (await database.db.select().from(notifications).where(eq(notifications.requestId, id)).orderBy(notifications.id)).map((n) => [n.recipient, n.kind]);

  it('restores the previous limits when revertAt passes, as one audited change with a case comment and a notification', async () => {
    const request = await submit({ concurrent: 200, outbound: 120 }, 48 * HOUR);
    expect(await revertTemporaryChanges(ctx)).toMatchObject({ reverted: 0 });

    ctx.clockControl.advance(48 * HOUR);
    expect(await revertTemporaryChanges(ctx)).toMatchObject({ reverted: 1, blocked: 0 });
    expect(await league()).toMatchObject({ concurrent: 150, outbound: 80, agentless: 40 });
    expect((await requestRow(request.id)).status).toBe('reverted');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.requestId, request.id));
    expect(audit.at(-1)).toMatchObject({ action: 'revert', fromState: 'approved', toState: 'reverted', actor: 'system:revert-temporary' });
    const operations = await database.db.select().from(caseOperations).where(eq(caseOperations.requestId, request.id));
    expect(operations.at(-1)).toMatchObject({
      kind: 'comment',
      payload: { body: 'Temporary change ended; previous limits restored (Concurrent ports: 200 → 150; Outbound ports: 120 → 80).' },
    });
    expect(await noticesOf(request.id)).toContainEqual([PERCY, 'reverted']);
  });

  it('warns the requester once, a day before the end', async () => {
    const request = await submit({ concurrent: 200 }, 30 * HOUR);
    expect((await revertTemporaryChanges(ctx)).warned).toBe(0);
    ctx.clockControl.advance(7 * HOUR);
    expect((await revertTemporaryChanges(ctx)).warned).toBe(1);
    expect((await revertTemporaryChanges(ctx)).warned).toBe(0);
    expect((await noticesOf(request.id)).filter(([, kind]) => kind === 'revert_due_soon')).toEqual([[PERCY, 'revert_due_soon']]);
  });

  it('does not guess when a later change touched the same port: it flags the request and tells both', async () => {
    const temporary = await submit({ concurrent: 200 }, 48 * HOUR);
    ctx.clockControl.advance(HOUR);
    await submit({ concurrent: 220 });
    ctx.clockControl.advance(48 * HOUR);

    expect(await revertTemporaryChanges(ctx)).toMatchObject({ reverted: 0, blocked: 1 });
    expect((await league()).concurrent).toBe(220);
    const flagged = await requestRow(temporary.id);
    // The reason is a code (JSON), worded where it is read: the case comment, each notification's reader.
    expect(flagged.status).toBe('approved');
    expect(JSON.parse(flagged.revertBlockedReason!)).toEqual({ code: 'ports_moved', types: ['concurrent'] });
    expect(await lastCaseComment(temporary.id)).toBe(
      'Temporary change ended but was not reverted: Concurrent ports changed again after this temporary change, so the previous limits were not restored.',
    );
    expect(await noticesOf(temporary.id)).toEqual(expect.arrayContaining([[PERCY, 'revert_blocked'], [REP, 'revert_blocked']]));
    const blocked = await database.db.select().from(notifications).where(eq(notifications.kind, 'revert_blocked'));
    expect(blocked.map((row) => row.params.revertBlockedReason)).toEqual([
      { code: 'ports_moved', types: ['concurrent'] },
      { code: 'ports_moved', types: ['concurrent'] },
    ]);
    expect(await revertTemporaryChanges(ctx)).toMatchObject({ reverted: 0, blocked: 0 });
  });

  it('leaves the limits alone when restoring them would break a rule (concurrent below outbound)', async () => {
    const temporary = await submit({ concurrent: 250 }, 48 * HOUR);
    ctx.clockControl.advance(24 * HOUR + 1);
    await submit({ outbound: 200 });
    ctx.clockControl.advance(24 * HOUR);

    expect(await revertTemporaryChanges(ctx)).toMatchObject({ blocked: 1 });
    expect(await league()).toMatchObject({ concurrent: 250, outbound: 200 });
    expect(JSON.parse((await requestRow(temporary.id)).revertBlockedReason!)).toEqual({
      code: 'rule_broken',
      violation: { code: 'exceeds_concurrent', params: { type: 'outbound', value: 200, concurrent: 150 }, field: 'outbound' },
    });
    expect(await lastCaseComment(temporary.id)).toBe(
      'Temporary change ended but was not reverted: Restoring the previous limits would break a rule: Outbound ports (200) may not exceed concurrent ports (150).',
    );
  });

  it.runIf(backend === 'postgres')('reverts once when two runs start at the same moment', async () => {
    const request = await submit({ concurrent: 200 }, 48 * HOUR);
    ctx.clockControl.advance(49 * HOUR);
    const runs = await Promise.all([revertTemporaryChanges(ctx), revertTemporaryChanges(ctx)]);
    expect(runs.map((run) => run.reverted).sort()).toEqual([0, 1]);
    expect((await league()).concurrent).toBe(150);
    const reverts = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'revert'));
    expect(reverts).toHaveLength(1);
    expect((await noticesOf(request.id)).filter(([, kind]) => kind === 'reverted')).toHaveLength(1);
  });
});
