import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, recordCspViolations, signInWithDemo } from '../support/browser';
import { HttpSession } from '../support/http-session';
import { waitFor } from '../support/wait-for';

type RequestList = { items: { id: string; status: string }[] };

/** An attacker's page on another port of localhost: same site as the app, so the browser sends its cookie. */
async function startAttackerSite(pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html' });
    response.end(page ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

/** An auto-submitting form, as a forged change would be sent. */
function autoSubmittingForm(action: string, enctype: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='${value.replace(/'/g, '&#39;')}'>`)
    .join('');
  return `<!doctype html><form method="POST" action="${action}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

describe('issue 8 over real HTTP and in a real browser', () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startAppServer();
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('item 2: sign-out ends the session on the server', () => {
    it('answers 401 to the copied cookie of a signed-out session, renews nothing, and its pages go to sign-in', async () => {
      const percy = new HttpSession(app.url);
      await percy.signInWithDemo('percy@classics.example');
      const copied = percy.cookieHeader();
      expect((await percy.json('/api/v1/tenants')).status).toBe(200);

      const signedOut = await percy.signOut();
      expect([302, 303]).toContain(signedOut.status);

      const withCopy = (pathname: string, init: RequestInit = {}) =>
        fetch(`${app.url}${pathname}`, { ...init, redirect: 'manual', headers: { cookie: copied, ...(init.headers ?? {}) } });

      expect((await withCopy('/api/v1/tenants')).status).toBe(401);
      const create = await withCopy('/api/v1/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ tenantId: 'league', changes: { concurrent: 160 }, reason: 'after sign-out' }),
      });
      expect(create.status).toBe(401);

      // Auth.js's session endpoint would re-issue an 8-hour cookie for a valid token: not for this one.
      const session = await withCopy('/api/auth/session');
      expect(await session.json()).toBeNull();
      const reissued = session.headers.getSetCookie().filter((line) => /session-token=[^;]+/.test(line) && !/max-age=0|expires=Thu, 01 Jan 1970/i.test(line));
      expect(reissued).toEqual([]);

      for (const pathname of ['/', '/requests', '/settings/tokens']) {
        const page = await withCopy(pathname);
        expect([302, 303, 307]).toContain(page.status);
        expect(page.headers.get('location')).toContain('/signin');
      }
    });
  });

  describe('item 6: failed sign-ins are rate-limited per client address', () => {
    it('refuses even a real demo user from an address after 30 failed sign-ins, and not from another address', async () => {
      const guesser = { 'x-forwarded-for': '203.0.113.50' };
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await expect(new HttpSession(app.url, guesser).signInWithDemo(`nobody-${attempt}@classics.example`)).rejects.toThrow(/failed/);
      }
      await expect(new HttpSession(app.url, guesser).signInWithDemo('percy@classics.example')).rejects.toThrow(/failed/);
      await new HttpSession(app.url, { 'x-forwarded-for': '198.51.100.50' }).signInWithDemo('percy@classics.example');
    });

    it('answers a blocked client address with 429 and Retry-After on the API', async () => {
      const headers = { authorization: `Bearer sspm_${'x'.repeat(43)}`, 'x-forwarded-for': '203.0.113.51' };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 32; attempt += 1) statuses.push((await fetch(`${app.url}/api/v1/tenants`, { headers })).status);
      expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
      const blocked = await fetch(`${app.url}/api/v1/tenants`, { headers });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('item 6: the 404 page', () => {
    it('answers 404 under the nonce CSP, with every script carrying the nonce and the demo-mode banner', async () => {
      const percy = new HttpSession(app.url);
      await percy.signInWithDemo('percy@classics.example');
      const response = await percy.fetch('/no-such-page');
      expect(response.status).toBe(404);
      const policy = response.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts.filter((tag) => !/noModule/i.test(tag))) expect(script).toContain(`nonce="${nonce}"`);
      expect(html).toContain('Demo mode is on in a production server');
    });
  });

  describe.skipIf(!browserAvailable)('in Chromium', () => {
    let browser: Browser;
    let attacker: { url: string; server: Server };

    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      attacker?.server.close();
    });

    it('item 1: auto-submitting cross-site forms (text/plain and urlencoded) change nothing', async () => {
      const api = `${app.url}/api/v1/requests`;
      const body = JSON.stringify({ tenantId: 'league', changes: { concurrent: 400 }, justification: 'forged', reason: 'forged' });
      attacker = await startAttackerSite({
        // The classic trick: a text/plain form sends `name=value`, so a field named with the JSON up to
        // the reason's last quote and the value `"}` spell a valid body (the reason reads "forged=").
        '/plain': autoSubmittingForm(api, 'text/plain', { [body.slice(0, -2)]: '"}' }),
        '/urlencoded': autoSubmittingForm(api, 'application/x-www-form-urlencoded', { tenantId: 'league', reason: 'forged' }),
      });
      const { page, cspViolations } = await signInWithDemo(browser, app.url, 'percy@classics.example');
      for (const path of ['/plain', '/urlencoded']) {
        const answer = page.waitForResponse((response) => response.url() === api && response.request().method() === 'POST');
        await page.goto(`${attacker.url}${path}`);
        const response = await answer;
        expect(response.status()).toBe(403);
        expect((await response.json()).error.code).toBe('cross_site_request');
      }
      // Percy's own session is still good, and nothing was submitted on his behalf.
      const list = (await (await page.request.get(`${app.url}/api/v1/requests`)).json()) as RequestList;
      expect(list.items).toEqual([]);
      expect(cspViolations).toEqual([]);
    });

    it('item 6: the 404 page runs its scripts under the CSP, with no violation', async () => {
      const { page } = await signInWithDemo(browser, app.url, 'percy@classics.example');
      const violations = recordCspViolations(page);
      const response = await page.goto(`${app.url}/no-such-page`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' }).isVisible()).resolves.toBe(true);
      await page.getByRole('link', { name: 'Go to the dashboard' }).click();
      await page.waitForURL(`${app.url}/`);
      expect(violations).toEqual([]);
    });
  });
});

describe('issue 8 item 2: a session has an absolute lifetime that no renewal extends', () => {
  let app: AppServer;

  beforeAll(async () => {
    // 0.002 h = 7.2 s, so that the test can see the end of a session without waiting hours.
    app = await startAppServer({ SESSION_MAX_HOURS: '0.002' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('ends the session at its absolute expiry even while Auth.js keeps re-issuing the cookie', async () => {
    const percy = new HttpSession(app.url);
    await percy.signInWithDemo('percy@classics.example');
    const signedInAt = Date.now();
    // Keep "renewing" through the session endpoint, as an attacker holding the cookie would.
    await waitFor(
      async () => (await (await percy.fetch('/api/auth/session')).json()) === null,
      'the session to end',
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(Date.now() - signedInAt).toBeGreaterThan(5_000);
    expect((await percy.json('/api/v1/tenants')).status).toBe(401);
  });
});
