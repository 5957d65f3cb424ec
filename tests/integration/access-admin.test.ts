import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, users } from '@/db/schema';
import { getAccessOverview, removeRoleMapping, saveRoleMapping, updateTenantFlags } from '@/lib/admin/access';
import { canRequestChanges } from '@/lib/auth/permissions';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { ATHOS, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

describe.each(BACKENDS)('access administration on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  async function refusal(promise: Promise<unknown>): Promise<ErrorCode> {
    const error = await promise.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }

  it.each([PERCY, ATHOS, NETOPS])('lets nobody but an Account Representative see or change access (%s: forbidden)', async (email) => {
    const caller = await ctx.callerFor(email);
    expect(await refusal(getAccessOverview(ctx, caller))).toBe('forbidden');
    expect(await refusal(saveRoleMapping(ctx, caller, { group: 'sspm-viewer', permissions: ['sspm:create'] }))).toBe('forbidden');
    expect(await refusal(removeRoleMapping(ctx, caller, 'sspm-viewer'))).toBe('forbidden');
    expect(
      await refusal(updateTenantFlags(ctx, caller, { tenantId: 'league', monitoringGatewayEnabled: false, personalConnectionEnabled: true })),
    ).toBe('forbidden');
    expect(await database.db.select().from(auditEvents)).toEqual([]);
  });

  it('shows reps the default mapping of SPEC §3 (and issue 13\'s usage feed) and who holds what', async () => {
    const overview = await getAccessOverview(ctx, await ctx.callerFor(REP));
    expect(Object.fromEntries(overview.mappings.map((mapping) => [mapping.group, [...mapping.permissions].sort()]))).toEqual({
      'sspm-account-rep': ['account_rep'],
      'sspm-network-ops': ['network_ops'],
      'sspm-requester': ['monitoring_gateway:view', 'sspm:create', 'sspm:view'],
      'sspm-usage-feed': ['usage:write'],
      'sspm-viewer': ['monitoring_gateway:view', 'sspm:view'],
    });
    expect(overview.users.find((user) => user.email === PERCY)?.permissions.sort()).toEqual([
      'monitoring_gateway:view',
      'sspm:create',
      'sspm:view',
    ]);
  });

  it('applies a mapping change on the signed-in user’s next request, and audits it', async () => {
    expect(canRequestChanges(await ctx.callerFor(PERCY))).toBe(true);
    await saveRoleMapping(ctx, await ctx.callerFor(REP), {
      group: 'sspm-requester',
      permissions: ['monitoring_gateway:view', 'sspm:view'],
    });
    const percy = await ctx.callerFor(PERCY);
    expect(canRequestChanges(percy)).toBe(false);
    expect(
      await refusal(submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'x' }))),
    ).toBe('forbidden');
    const [event] = await database.db.select().from(auditEvents);
    expect(event).toMatchObject({
      actor: REP,
      action: 'role_mapping_saved',
      details: { group: 'sspm-requester', after: ['monitoring_gateway:view', 'sspm:view'] },
    });
  });

  it('never leaves the platform without a group that grants account_rep (last_account_rep_mapping)', async () => {
    const rep = await ctx.callerFor(REP);
    expect(await refusal(removeRoleMapping(ctx, rep, 'sspm-account-rep'))).toBe('last_account_rep_mapping');
    expect(await refusal(saveRoleMapping(ctx, rep, { group: 'sspm-account-rep', permissions: ['network_ops'] }))).toBe(
      'last_account_rep_mapping',
    );
    // A group nobody holds keeps nobody in charge (access item 5); once the rep holds it, it does.
    await saveRoleMapping(ctx, rep, { group: 'ops-leads', permissions: ['account_rep'] });
    expect(await refusal(removeRoleMapping(ctx, rep, 'sspm-account-rep'))).toBe('last_account_rep_mapping');
    await database.db.update(users).set({ groups: ['sspm-account-rep', 'ops-leads'] }).where(eq(users.email, REP));
    await removeRoleMapping(ctx, rep, 'sspm-account-rep');
    expect((await getAccessOverview(ctx, rep)).mappings.map((mapping) => mapping.group)).not.toContain('sspm-account-rep');
  });

  it('turns a tenant’s Monitoring Gateway off so that requests for it are refused, and audits the change', async () => {
    await updateTenantFlags(ctx, await ctx.callerFor(REP), {
      tenantId: 'league',
      monitoringGatewayEnabled: false,
      personalConnectionEnabled: true,
    });
    const percy = await ctx.callerFor(PERCY);
    expect(
      await refusal(submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'x' }))),
    ).toBe('monitoring_gateway_disabled');
    const [event] = await database.db.select().from(auditEvents);
    expect(event).toMatchObject({
      tenantId: 'league',
      action: 'tenant_flags_changed',
      details: { before: { monitoringGatewayEnabled: true }, after: { monitoringGatewayEnabled: false } },
    });
  });

  it('answers not_found for an unknown tenant or mapping', async () => {
    const rep = await ctx.callerFor(REP);
    expect(
      await refusal(updateTenantFlags(ctx, rep, { tenantId: 'atlantis', monitoringGatewayEnabled: true, personalConnectionEnabled: true })),
    ).toBe('not_found');
    expect(await refusal(removeRoleMapping(ctx, rep, 'no-such-group'))).toBe('not_found');
  });
});
