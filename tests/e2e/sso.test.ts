import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser } from '../support/browser';
import { IDP_PASSWORD } from '../support/idp/accounts';
import { LOCAL_CLIENT, type LocalIdp, startLocalIdp } from '../support/idp/local-idp';

// SPEC §3 and issue 3: partners sign in through their company's identity provider (the real
// oidc-provider, not a mock); the groups and tenant claims decide what they see, or why they may not.
describe.skipIf(!browserAvailable)('single sign-on through the local identity provider in a real browser', () => {
  let idp: LocalIdp;
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0 });
    [app, browser] = await Promise.all([
      startAppServer({ AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: LOCAL_CLIENT.id, AUTH_OIDC_SECRET: LOCAL_CLIENT.secret }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await idp?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  /** From the app's sign-in page to the IdP's login form and back, as a person would. */
  async function signInThroughIdp(page: Page, email: string): Promise<void> {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with your company’s SSO' }).click();
    await page.waitForURL(new RegExp(`^${idp.issuer}/interaction/`));
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(IDP_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  // The dashboard's tenant table: each row's header starts with the tenant's name.
  const dashboardTenants = async (page: Page) => (await page.locator('main tbody th[scope="row"] > a:first-child').allTextContents()).sort();

  it('shows Percy exactly the Classics tree, and after signing out, Athos exactly the Musketeers tree', async () => {
    const page = await newPage();
    await signInThroughIdp(page, 'percy@classics.example');
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('rowheader', { name: /^Classics, Inc\./ }).waitFor();
    expect(await dashboardTenants(page)).toEqual(['Blakeney Shipping', 'Classics, Inc.', 'The League of the Scarlet Pimpernel']);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto('/');
    await page.waitForURL(/\/signin/);

    // The IdP asks again, so the same browser can become Athos without a logout at the IdP.
    await signInThroughIdp(page, 'athos@musketeers.example');
    await page.waitForURL(`${app.url}/`);
    await page.getByRole('rowheader', { name: /^Musketeers Ltd/ }).waitFor();
    expect(await dashboardTenants(page)).toEqual(['Gascony Wines', 'Musketeers Ltd']);
    await expect(page.getByText('athos@musketeers.example').count()).resolves.toBe(1);
  });

  it('refuses a user whose groups map to nothing, with a page that says why and whom to ask', async () => {
    const page = await newPage();
    await signInThroughIdp(page, 'nobody@classics.example');
    await page.waitForURL(`${app.url}/signin/refused?reason=no_access`);
    await page.getByRole('heading', { name: 'Your account has no access to SSPM' }).waitFor();
    await expect(page.getByText(/none of your groups grants any permission/).count()).resolves.toBe(1);
    await expect(page.getByText(/ask your company’s administrator .* or your Account Representative/i).count()).resolves.toBe(1);

    // No session was created: the dashboard still sends the visitor to the sign-in page.
    await page.goto('/');
    await page.waitForURL(/\/signin(\?|$)/);
  });

  it('refuses a user whose tenant SSPM does not know', async () => {
    const page = await newPage();
    await signInThroughIdp(page, 'stranger@atlantis.example');
    await page.waitForURL(`${app.url}/signin/refused?reason=unknown_tenant`);
    await page.getByRole('heading', { name: 'Your tenant is not known to SSPM' }).waitFor();
    await expect(page.getByText(/Ask your Account Representative/).count()).resolves.toBe(1);
  });
});
