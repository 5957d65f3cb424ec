import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';

describe('the built app over real HTTP', () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reports itself healthy with its database reachable', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('answers the API with 401 in the one error shape when signed out', async () => {
    const response = await fetch(`${app.url}/api/v1/tenants`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('redirects a signed-out visitor of a page to the sign-in page', async () => {
    const response = await fetch(`${app.url}/requests`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/signin');
  });

  it('gives every page a fresh script nonce in its Content-Security-Policy', async () => {
    const [first, second] = await Promise.all([fetch(`${app.url}/signin`), fetch(`${app.url}/signin`)]);
    const policies = [first, second].map((response) => response.headers.get('content-security-policy') ?? '');
    for (const policy of policies) {
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(policy).not.toContain('unsafe-eval');
    }
    expect(policies[0]).not.toBe(policies[1]);
    const nonce = /'nonce-([^']+)'/.exec(policies[0]!)![1]!;
    expect(await first.text()).toContain(`nonce="${nonce}"`);
  });

  it('sends the security headers on pages and API answers', async () => {
    for (const pathname of ['/signin', '/api/health']) {
      const response = await fetch(`${app.url}${pathname}`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('signs Percy in through Auth.js and serves his tree, a request and its 409 twin over HTTP', async () => {
    const percy = new HttpSession(app.url);
    await percy.signInWithDemo('percy@classics.example');

    const tenants = (await (await percy.json('/api/v1/tenants')).json()) as { items: { id: string }[] };
    expect(tenants.items.map((tenant) => tenant.id).sort()).toEqual(['blakeney', 'classics', 'league']);

    const created = await percy.json('/api/v1/requests', 'POST', {
      tenantId: 'league',
      changes: { concurrent: 400 },
      reason: 'Membership drive',
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as { id: string; status: string; caseNumber: string };
    expect(request.status).toBe('pending_info');
    expect(request.caseNumber).toMatch(/^\d{8}$/);

    const twin = await percy.json('/api/v1/requests', 'POST', { tenantId: 'league', changes: { concurrent: 160 }, reason: 'x' });
    expect(twin.status).toBe(409);
    expect(((await twin.json()) as { error: { code: string } }).error.code).toBe('request_already_open');

    const athos = new HttpSession(app.url);
    await athos.signInWithDemo('athos@musketeers.example');
    expect((await athos.json(`/api/v1/requests/${request.id}`)).status).toBe(404);
  });

  it('sets the session cookie httpOnly and sameSite=lax, and not secure on http://localhost', async () => {
    const csrfResponse = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const cookies = csrfResponse.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const signIn = await fetch(`${app.url}/api/auth/callback/demo`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
      body: new URLSearchParams({ email: 'percy@classics.example', csrfToken, callbackUrl: '/' }),
    });
    const session = signIn.headers.getSetCookie().find((line) => line.startsWith('authjs.session-token='));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).not.toMatch(/; Secure/i);
  });

  it('refuses the demo sign-in of an unknown e-mail', async () => {
    const stranger = new HttpSession(app.url);
    await expect(stranger.signInWithDemo('mallory@evil.example')).rejects.toThrow(/failed/);
  });
});
