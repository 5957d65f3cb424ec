import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, roleMappings, sessions, users } from '@/db/schema';
import { endAllSessions, getAccessOverview, removeRoleMapping, saveRoleMapping } from '@/lib/admin/access';
import { insertSession } from '@/lib/data/sessions';
import { AppError } from '@/lib/domain/errors';
import { ATHOS, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const HOUR_MS = 60 * 60 * 1000;

describe.each(BACKENDS)('access page safeguards on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  async function refusal(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  const userId = async (email: string) => (await database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const setGroups = (email: string, groups: string[]) => database.db.update(users).set({ groups }).where(eq(users.email, email));
  const mappingsNow = async () =>
    Object.fromEntries((await database.db.select().from(roleMappings)).map((row) => [row.group, [...row.permissions].sort()]));

  describe('access item 5: somebody keeps account_rep', () => {
    it('access item 5: refuses to remove the real account_rep group after mapping an unused one (__proto__) to account_rep', async () => {
      const rep = await ctx.callerFor(REP);
      // The schema refuses the name; the use case must not depend on it.
      await saveRoleMapping(ctx, rep, { group: '__proto__', permissions: ['account_rep'] });
      await saveRoleMapping(ctx, rep, { group: 'ops-leads', permissions: ['account_rep'] });
      const mappings = await mappingsNow();
      expect((await refusal(removeRoleMapping(ctx, rep, 'sspm-account-rep'))).code).toBe('last_account_rep_mapping');
      expect((await refusal(saveRoleMapping(ctx, rep, { group: 'sspm-account-rep', permissions: ['network_ops'] }))).code).toBe(
        'last_account_rep_mapping',
      );
      expect(await mappingsNow()).toEqual(mappings);
      expect(canStillManage(await getAccessOverview(ctx, rep))).toBe(true);
    });

    it('access item 5: allows the change once another user who is no partner user would still hold account_rep', async () => {
      const rep = await ctx.callerFor(REP);
      await setGroups(NETOPS, ['sspm-network-ops', 'ops-leads']);
      await saveRoleMapping(ctx, rep, { group: 'ops-leads', permissions: ['account_rep'] });
      await removeRoleMapping(ctx, rep, 'sspm-account-rep');
      const overview = await getAccessOverview(ctx, await ctx.callerFor(NETOPS));
      expect(overview.users.find((user) => user.email === NETOPS)?.permissions).toContain('account_rep');
      expect(overview.users.find((user) => user.email === REP)?.permissions).not.toContain('account_rep');
    });

    it('access item 5: does not count a partner user who holds a rep group (never a rep, whatever the mapping says)', async () => {
      const rep = await ctx.callerFor(REP);
      await setGroups(PERCY, ['sspm-requester', 'ops-leads']);
      await database.db.insert(roleMappings).values({ group: 'ops-leads', permissions: ['account_rep'], updatedAt: ctx.clock() });
      expect((await refusal(removeRoleMapping(ctx, rep, 'sspm-account-rep'))).code).toBe('last_account_rep_mapping');
    });
  });

  describe('access item 6: no account_rep for partner users', () => {
    it('access item 6: refuses to give account_rep to a group a partner user holds, naming the user and the group', async () => {
      const rep = await ctx.callerFor(REP);
      const auditBefore = await database.db.select().from(auditEvents);
      const error = await refusal(
        saveRoleMapping(ctx, rep, { group: 'sspm-requester', permissions: ['monitoring_gateway:view', 'sspm:create', 'sspm:view', 'account_rep'] }),
      );
      expect(error.code).toBe('partner_account_rep');
      expect(error.status).toBe(422);
      expect(error.message).toMatch(new RegExp(`${ATHOS}|${PERCY}`.replaceAll('.', '\\.')));
      expect(error.message).toContain('sspm-requester');
      expect((await mappingsNow())['sspm-requester']).toEqual(['monitoring_gateway:view', 'sspm:create', 'sspm:view']);
      expect(await database.db.select().from(auditEvents)).toEqual(auditBefore);
    });

    it('access item 6: refuses it for a new group too, and allows it for a group only staff hold', async () => {
      const rep = await ctx.callerFor(REP);
      await setGroups(ATHOS, ['sspm-requester', 'musketeers-admins']);
      const error = await refusal(saveRoleMapping(ctx, rep, { group: 'musketeers-admins', permissions: ['account_rep'] }));
      expect(error.code).toBe('partner_account_rep');
      expect(error.message).toContain(ATHOS);
      expect(error.message).toContain('musketeers-admins');
      await saveRoleMapping(ctx, rep, { group: 'musketeers-admins', permissions: ['sspm:view'] });
      await saveRoleMapping(ctx, rep, { group: 'sspm-network-ops', permissions: ['network_ops', 'account_rep'] });
      expect((await mappingsNow())['sspm-network-ops']).toEqual(['account_rep', 'network_ops']);
    });
  });

  describe('access item 7: ending all sessions of a user', () => {
    async function startSessions(email: string, count: number) {
      const id = await userId(email);
      for (let i = 0; i < count; i += 1) await insertSession(database.db, { userId: id, provider: 'demo', now: ctx.clock(), maxAgeMs: 8 * HOUR_MS });
      return id;
    }

    it('access item 7: lets a rep end every live session of a user (ended_by_rep), shows the counts, and audits it', async () => {
      const percyId = await startSessions(PERCY, 2);
      const athosId = await startSessions(ATHOS, 1);
      const [old] = await database.db.select().from(sessions).where(eq(sessions.userId, percyId));
      await database.db.update(sessions).set({ endedAt: ctx.clock(), endReason: 'signed_out' }).where(eq(sessions.id, old!.id));
      await startSessions(PERCY, 1);
      const rep = await ctx.callerFor(REP);

      const before = await getAccessOverview(ctx, rep);
      expect(before.users.find((user) => user.email === PERCY)).toMatchObject({ id: percyId, liveSessions: 2 });
      expect(before.users.find((user) => user.email === ATHOS)).toMatchObject({ id: athosId, liveSessions: 1 });

      ctx.clockControl.advance(60_000);
      expect(await endAllSessions(ctx, rep, { userId: percyId })).toEqual({ ended: 2 });

      const rows = await database.db.select().from(sessions).where(eq(sessions.userId, percyId));
      expect(rows.map((row) => row.endReason).sort()).toEqual(['ended_by_rep', 'ended_by_rep', 'signed_out']);
      expect(rows.filter((row) => row.endReason === 'ended_by_rep').every((row) => row.endedAt?.getTime() === ctx.clock().getTime())).toBe(true);
      const [athos] = await database.db.select().from(sessions).where(eq(sessions.userId, athosId));
      expect(athos).toMatchObject({ endedAt: null, endReason: null });

      const after = await getAccessOverview(ctx, rep);
      expect(after.users.find((user) => user.email === PERCY)?.liveSessions).toBe(0);
      expect(after.users.find((user) => user.email === ATHOS)?.liveSessions).toBe(1);
      const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'sessions_ended'));
      expect(audit).toEqual([expect.objectContaining({ actor: REP, details: { email: PERCY, count: 2 } })]);
    });

    it.each([PERCY, ATHOS, NETOPS])('access item 7: refuses anyone but an Account Representative (%s: forbidden), ending nothing', async (email) => {
      const repId = await startSessions(REP, 1);
      expect((await refusal(endAllSessions(ctx, await ctx.callerFor(email), { userId: repId }))).code).toBe('forbidden');
      expect((await database.db.select().from(sessions))[0]).toMatchObject({ endedAt: null });
      expect(await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'sessions_ended'))).toEqual([]);
    });

    it('access item 7: answers not_found for an unknown user', async () => {
      const error = await refusal(endAllSessions(ctx, await ctx.callerFor(REP), { userId: '00000000-0000-4000-8000-000000000000' }));
      expect(error.code).toBe('not_found');
    });
  });
});

function canStillManage(overview: Awaited<ReturnType<typeof getAccessOverview>>): boolean {
  return overview.users.some((user) => user.homeTenantId === null && user.permissions.includes('account_rep'));
}
