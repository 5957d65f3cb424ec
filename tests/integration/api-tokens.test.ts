import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as requestRoute from '@/app/api/v1/requests/[id]/route';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import { apiTokens, auditEvents, users } from '@/db/schema';
import { createApiToken, listMyApiTokens, revokeMyApiToken } from '@/lib/auth/api-tokens';
import { AppError } from '@/lib/domain/errors';
import { call, installAppContext } from '../support/api';
import { ATHOS, MARGUERITE, NETOPS, PERCY, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)('personal API tokens on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    installAppContext(ctx);
  });

  const tokenFor = async (email: string, expiresInDays = 30) =>
    (await createApiToken(ctx, await ctx.callerFor(email), { name: 'CI script', expiresInDays })).token;
  const getTenants = (token: string) =>
    call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { authorization: `Bearer ${token}` });

  it('acts on the API as its owner, and records when it was last used', async () => {
    const token = await tokenFor(PERCY);
    const response = await getTenants(token);
    expect(response.status).toBe(200);
    expect(response.json!.items.map((tenant: { id: string }) => tenant.id).sort()).toEqual(['blakeney', 'classics', 'league']);
    const [listed] = await listMyApiTokens(ctx, await ctx.callerFor(PERCY));
    expect(listed).toMatchObject({ name: 'CI script', state: 'active', lastUsedAt: expect.any(String) });
  });

  it('stores only a digest of the secret, and lists tokens without it', async () => {
    const token = await tokenFor(PERCY);
    const [row] = await database.db.select().from(apiTokens);
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await listMyApiTokens(ctx, await ctx.callerFor(PERCY)))).not.toContain(token);
  });

  it('creates with the owner permissions of the moment: a viewer token reads but cannot create (403)', async () => {
    const token = await tokenFor(MARGUERITE);
    expect((await getTenants(token)).status).toBe(200);
    const created = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
      authorization: `Bearer ${token}`,
      body: { tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive' },
    });
    expect(created.status).toBe(403);
    expect(created.json!.error.code).toBe('forbidden');
  });

  it('loses what its owner loses: a removed group takes effect on the next call (403)', async () => {
    const token = await tokenFor(PERCY);
    expect((await getTenants(token)).status).toBe(200);
    await database.db.update(users).set({ groups: [] }).where(eq(users.email, PERCY));
    const response = await getTenants(token);
    expect(response.status).toBe(403);
    expect(response.json!.error.code).toBe('forbidden');
  });

  it('never reaches another partner: 404 for its request', async () => {
    const percy = await tokenFor(PERCY);
    const created = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
      authorization: `Bearer ${percy}`,
      body: { tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive' },
    });
    expect(created.status).toBe(201);
    const athos = await tokenFor(ATHOS);
    const id = created.json!.id as string;
    const response = await call(requestRoute.GET, 'GET', `/api/v1/requests/${id}`, { authorization: `Bearer ${athos}`, params: { id } });
    expect(response.status).toBe(404);
  });

  it('refuses a revoked token (401)', async () => {
    const token = await tokenFor(PERCY);
    const [view] = await listMyApiTokens(ctx, await ctx.callerFor(PERCY));
    await revokeMyApiToken(ctx, await ctx.callerFor(PERCY), view!.id);
    const response = await getTenants(token);
    expect(response.status).toBe(401);
    expect(response.json!.error).toEqual({ code: 'unauthenticated', message: 'The API token is invalid, expired or revoked.' });
  });

  it('refuses an expired token (401), and accepts it up to its last moment', async () => {
    const token = await tokenFor(PERCY, 1);
    ctx.clockControl.advance(DAY_MS - 1);
    expect((await getTenants(token)).status).toBe(200);
    ctx.clockControl.advance(1);
    expect((await getTenants(token)).status).toBe(401);
  });

  it.each([
    ['an unknown token', 'Bearer sspm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a malformed token', 'Bearer not-a-token'],
    ['another scheme', 'Basic cGVyY3k6ZGVtbw=='],
  ])('refuses %s (401)', async (_name, authorization) => {
    const response = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { authorization });
    expect(response.status).toBe(401);
  });

  it('lets only the owner revoke a token (not_found for others), and audits creation and revocation', async () => {
    await tokenFor(PERCY);
    const [view] = await listMyApiTokens(ctx, await ctx.callerFor(PERCY));
    const error = await revokeMyApiToken(ctx, await ctx.callerFor(ATHOS), view!.id).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('not_found');
    await revokeMyApiToken(ctx, await ctx.callerFor(PERCY), view!.id);
    const actions = (await database.db.select().from(auditEvents)).map((event) => event.action);
    expect(actions).toEqual(['api_token_created', 'api_token_revoked']);
  });

  it('gives no token to a user without view or create permission (forbidden)', async () => {
    const error = await createApiToken(ctx, await ctx.callerFor(NETOPS), { name: 'x', expiresInDays: 1 }).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('forbidden');
  });
});
