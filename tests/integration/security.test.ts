import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as cancelRoute from '@/app/api/v1/requests/[id]/cancel/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import { auditEvents, changeRequests, sessions, users } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { loadSessionCaller } from '@/lib/auth/load-caller';
import { THROTTLE_POLICIES } from '@/lib/auth/throttle';
import { endSession, endUserSessions } from '@/lib/data/sessions';
import { getUserByEmail } from '@/lib/data/users';
import { submitRequest } from '@/lib/requests/submit-request';
import { APP_ORIGIN, type ApiCall, call, installAppContext, sessionCookieFor } from '../support/api';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';

/** Issue 8: each describe names the item it proves; every test here failed on the code before it. */
describe.each(BACKENDS)('security of the API on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    ctx = createTestContext(database);
    installAppContext(ctx);
  });
  afterAll(async () => {
    await database.dispose();
  });

  const countRequests = async () => (await database.db.select({ n: count() }).from(changeRequests))[0]!.n;
  const countAudit = async () => (await database.db.select({ n: count() }).from(auditEvents))[0]!.n;
  const leagueIncrease = { tenantId: 'league', changes: { concurrent: 160 }, reason: 'Membership drive' };
  const overThreshold = { tenantId: 'league', changes: { concurrent: 400 }, reason: 'Membership drive', justification: 'A big campaign' };

  /** A request in review, submitted by Percy, for the endpoints that act on one. */
  async function requestInReview(): Promise<string> {
    const view = await submitRequest(ctx, await ctx.callerFor(PERCY), { ...overThreshold, revertAt: undefined });
    expect(view.status).toBe('in_review');
    return view.id;
  }

  async function apiToken(email: string): Promise<string> {
    return (await createApiToken(ctx, await ctx.callerFor(email), { name: 'test', expiresInDays: 30 })).token;
  }

  describe('item 1: cross-site request forgery', () => {
    const crossSite: ApiCall = { origin: 'http://localhost:3001' };

    it('refuses a cookie-authenticated submission from another origin (403 cross_site_request) and stores nothing', async () => {
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, body: leagueIncrease, ...crossSite });
      expect(response.status).toBe(403);
      expect(response.json?.error.code).toBe('cross_site_request');
      expect(await countRequests()).toBe(0);
    });

    it('refuses add-information, cancel and approve from another origin, and nothing changes', async () => {
      const id = await requestInReview();
      const before = { requests: await database.db.select().from(changeRequests), audit: await countAudit() };
      const attempts = [
        call(informationRoute.POST, 'POST', `/api/v1/requests/${id}/information`, { as: PERCY, body: { justification: 'more' }, params: { id }, ...crossSite }),
        call(cancelRoute.POST, 'POST', `/api/v1/requests/${id}/cancel`, { as: PERCY, params: { id }, ...crossSite }),
        call(decisionRoute.POST, 'POST', `/api/v1/requests/${id}/decision`, { as: REP, body: { decision: 'approve', comment: 'ok' }, params: { id }, ...crossSite }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.json?.error.code).toBe('cross_site_request');
      }
      expect(await database.db.select().from(changeRequests)).toEqual(before.requests);
      expect(await countAudit()).toBe(before.audit);
    });

    it('refuses a cookie-authenticated change with neither Origin nor Sec-Fetch-Site, and accepts Sec-Fetch-Site: same-origin', async () => {
      const bare = await call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, body: leagueIncrease, origin: null });
      expect(bare.status).toBe(403);
      const sameSiteOtherPort = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        as: PERCY,
        body: leagueIncrease,
        origin: null,
        headers: { 'sec-fetch-site': 'same-site' },
      });
      expect(sameSiteOtherPort.status).toBe(403);
      const sameOrigin = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        as: PERCY,
        body: leagueIncrease,
        origin: null,
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      expect(sameOrigin.status).toBe(201);
    });

    it('accepts the app\'s own origin', async () => {
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, body: leagueIncrease, origin: APP_ORIGIN });
      expect(response.status).toBe(201);
    });

    it('does not apply the origin check to an API token, which is no ambient credential', async () => {
      const token = await apiToken(PERCY);
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', { authorization: `Bearer ${token}`, body: leagueIncrease, origin: 'https://elsewhere.example' });
      expect(response.status).toBe(201);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
      'answers a %s body with 415 unsupported_media_type, even from the app\'s own origin, and stores nothing',
      async (contentType) => {
        const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
          as: PERCY,
          rawBody: JSON.stringify(leagueIncrease),
          contentType,
        });
        expect(response.status).toBe(415);
        expect(response.json?.error.code).toBe('unsupported_media_type');
        expect(await countRequests()).toBe(0);
      },
    );

    it('accepts application/json with a charset', async () => {
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        as: PERCY,
        body: leagueIncrease,
        contentType: 'application/json; charset=utf-8',
      });
      expect(response.status).toBe(201);
    });
  });

  describe('item 6: bodies above 64 KB', () => {
    const huge = JSON.stringify({ ...leagueIncrease, reason: 'x'.repeat(70 * 1024) });

    it('answers 413 payload_too_large from the Content-Length, before reading the body', async () => {
      const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024), authorization: `Bearer ${await apiToken(PERCY)}` });
      let pulled = 0;
      const body = new ReadableStream({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
          if (pulled > 60_000) controller.close();
        },
      });
      const request = new Request(new URL('/api/v1/requests', APP_ORIGIN), { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
      const response = await requestsRoute.POST(request, { params: Promise.resolve({}) });
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe('payload_too_large');
      expect(pulled).toBeLessThan(3);
      expect(await countRequests()).toBe(0);
    });

    it('answers 413 to a streamed body without Content-Length once it passes 64 KB, and stores nothing', async () => {
      const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${await apiToken(PERCY)}` });
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(huge));
          controller.close();
        },
      });
      const request = new Request(new URL('/api/v1/requests', APP_ORIGIN), { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
      const response = await requestsRoute.POST(request, { params: Promise.resolve({}) });
      expect(response.status).toBe(413);
      expect(await countRequests()).toBe(0);
    });

    it('still takes a body just under the limit to its validation (400, not 413)', async () => {
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        as: PERCY,
        rawBody: JSON.stringify({ ...leagueIncrease, reason: 'x'.repeat(60 * 1024) }),
      });
      expect(response.status).toBe(400);
    });
  });

  describe('item 6: caching of personal answers', () => {
    it('marks every API answer no-store and varying with Cookie and Authorization, success or error', async () => {
      const answers = [
        await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { as: PERCY }),
        await call(tenantsRoute.GET, 'GET', '/api/v1/tenants'),
        await call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, body: leagueIncrease, origin: 'http://evil.localhost' }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 401, 403]);
      for (const answer of answers) {
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.headers.get('vary')).toBe('Cookie, Authorization');
      }
    });
  });

  describe('item 6: failed authentications are rate-limited', () => {
    const limit = THROTTLE_POLICIES.address.limit;
    const from = (address: string, token: string) =>
      call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { authorization: `Bearer ${token}`, headers: { 'x-forwarded-for': address } });

    it(`answers 429 with Retry-After after ${limit} bad tokens from one address, and then refuses even a valid token from it`, async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < limit + 5; attempt += 1) {
        statuses.push((await from('203.0.113.7', `sspm_${'A'.repeat(40)}${attempt}`)).status);
      }
      expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
      expect(new Set(statuses.slice(limit))).toEqual(new Set([429]));
      const valid = await from('203.0.113.7', await apiToken(PERCY));
      expect(valid.status).toBe(429);
      expect(Number(valid.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(valid.json?.error.code).toBe('too_many_attempts');
      // Another client is not held back by this one's guessing.
      expect((await from('198.51.100.1', await apiToken(PERCY))).status).toBe(200);
    });

    it('lets the address in again once the block has passed', async () => {
      for (let attempt = 0; attempt < limit; attempt += 1) await from('203.0.113.8', `sspm_${'B'.repeat(40)}`);
      expect((await from('203.0.113.8', await apiToken(PERCY))).status).toBe(429);
      ctx.clockControl.advance(THROTTLE_POLICIES.address.blockMs + 1000);
      expect((await from('203.0.113.8', await apiToken(PERCY))).status).toBe(200);
    });
  });

  describe('item 2: sessions end on the server', () => {
    const percyId = async () => (await getUserByEmail(database.db, PERCY))!.id;
    const sessionIds = async () => (await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, await percyId()))).map((row) => row.id);

    it('answers 401 to the cookie of a session that was signed out', async () => {
      const cookie = await sessionCookieFor(PERCY);
      expect((await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie })).status).toBe(200);
      const [sid] = await sessionIds();
      await endSession(database.db, sid!, ctx.clock());
      const after = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie });
      expect(after.status).toBe(401);
      expect(await loadSessionCaller(database.db, sid!, ctx.clock())).toBeNull();
    });

    it('answers 401 once the session\'s absolute lifetime has passed, whatever the cookie says', async () => {
      const cookie = await sessionCookieFor(PERCY);
      ctx.clockControl.advance(8 * 3600_000 + 1000);
      expect((await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie })).status).toBe(401);
    });

    it('ends every session of a user at once (an Account Representative\'s action)', async () => {
      const cookies = [await sessionCookieFor(PERCY), await sessionCookieFor(PERCY)];
      expect(await endUserSessions(database.db, await percyId(), ctx.clock())).toBe(2);
      for (const cookie of cookies) expect((await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie })).status).toBe(401);
    });

    it('answers 401 to a well-formed cookie naming no session', async () => {
      const cookie = await sessionCookieFor(PERCY, { sessionId: '00000000-0000-4000-8000-000000000000' });
      expect((await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie })).status).toBe(401);
    });
  });

  describe('item 3: separation of duties', () => {
    /** A staff member whose groups grant both sspm:create and account_rep (no home tenant). */
    async function dualRoleUser(): Promise<string> {
      const email = 'dual@ops.example';
      await database.db.insert(users).values({ email, name: 'Dual Role', groups: ['sspm-requester', 'sspm-account-rep'] });
      return email;
    }

    it('refuses a dual-role user deciding their own request (403 own_request), and lets another rep decide it', async () => {
      const dual = await dualRoleUser();
      const submitted = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        as: dual,
        body: { tenantId: 'musketeers', changes: { concurrent: 2000 }, reason: 'Campaign', justification: 'Large campaign' },
      });
      expect(submitted.status).toBe(201);
      const id = submitted.json!.id as string;
      const own = await call(decisionRoute.POST, 'POST', `/api/v1/requests/${id}/decision`, { as: dual, body: { decision: 'approve', comment: 'mine' }, params: { id } });
      expect(own.status).toBe(403);
      expect(own.json?.error.code).toBe('own_request');
      const [stillInReview] = await database.db.select().from(changeRequests).where(eq(changeRequests.id, id));
      expect(stillInReview!.status).toBe('in_review');
      const other = await call(decisionRoute.POST, 'POST', `/api/v1/requests/${id}/decision`, { as: REP, body: { decision: 'approve', comment: 'fine' }, params: { id } });
      expect(other.status).toBe(200);
      expect(other.json?.status).toBe('approved');
    });

    it('never gives a partner user account_rep scope, even when the database says their groups grant it', async () => {
      await database.db.update(users).set({ groups: ['sspm-requester', 'sspm-account-rep'] }).where(eq(users.email, PERCY));
      const caller = await ctx.callerFor(PERCY);
      expect(caller.permissions.has('account_rep')).toBe(false);
      expect(caller.scope).toEqual({ kind: 'tree', homeTenantId: 'classics' });
      const visible = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { as: PERCY });
      expect(visible.json!.items.map((tenant: { id: string }) => tenant.id).sort()).toEqual(['blakeney', 'classics', 'league']);
      const id = await requestInReview();
      const response = await call(decisionRoute.POST, 'POST', `/api/v1/requests/${id}/decision`, { as: PERCY, body: { decision: 'approve', comment: 'x' }, params: { id } });
      expect(response.status).toBe(403);
    });
  });
});
