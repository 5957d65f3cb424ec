import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, signInWithDemo } from '../support/browser';

// SPEC §1's story through the web pages: an increase within the threshold is approved at once with a
// case number; one above it asks for information, goes to review, and a rep's approval applies it.
describe.skipIf(!browserAvailable)('Percy raises the League’s ports in a real browser', () => {
  let app: AppServer;
  let browser: Browser;
  const cspViolations: string[][] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signIn(email: string): Promise<Page> {
    const { page, cspViolations: refused } = await signInWithDemo(browser, app.url, email);
    cspViolations.push(refused);
    return page;
  }

  async function requestConcurrent(page: Page, to: number, reason: string): Promise<void> {
    await page.goto('/requests/new?tenant=league');
    await page.getByLabel('Concurrent ports').fill(String(to));
    await page.getByLabel(/^Reason/).fill(reason);
  }

  it('approves 150 → 200 at once with a case number, and holds 260 for information and a rep', async () => {
    const percy = await signIn('percy@classics.example');
    await percy.getByText('The League of the Scarlet Pimpernel').first().waitFor();
    if (process.env.SSPM_E2E_SCREENSHOTS) await percy.screenshot({ path: `${process.env.SSPM_E2E_SCREENSHOTS}/dashboard.png`, fullPage: true });
    await expect(percy.getByText('Musketeers Ltd').count()).resolves.toBe(0);

    await requestConcurrent(percy, 200, 'Membership drive');
    await percy.getByText(/approved at once/i).first().waitFor();
    await percy.getByRole('button', { name: 'Submit request' }).click();
    await percy.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await percy.getByText('Approved').first().waitFor();
    const firstCase = await percy.getByText(/Salesforce case \d{8}/).first().textContent();
    expect(firstCase).toMatch(/Salesforce case \d{8}/);

    await requestConcurrent(percy, 260, 'Membership drive, second wave');
    await percy.getByText(/ports remain for automatic approval today/i).first().waitFor();
    if (process.env.SSPM_E2E_SCREENSHOTS) await percy.screenshot({ path: `${process.env.SSPM_E2E_SCREENSHOTS}/new-request.png`, fullPage: true });
    await percy.getByRole('button', { name: 'Submit request' }).click();
    await percy.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = percy.url();
    await percy.getByText('Needs information').first().waitFor();
    await percy.getByLabel('Justification for the Account Representative').fill('Drive expects 240 simultaneous calls');
    await percy.getByRole('button', { name: 'Send for review' }).click();
    await percy.getByText('In review').first().waitFor();

    const rep = await signIn('rep@ops.example');
    await rep.goto('/approvals');
    await rep.getByText('Drive expects 240 simultaneous calls').waitFor();
    if (process.env.SSPM_E2E_SCREENSHOTS) await rep.screenshot({ path: `${process.env.SSPM_E2E_SCREENSHOTS}/approvals.png`, fullPage: true });
    await rep.getByRole('button', { name: 'Approve request' }).click();
    await rep.getByText("Nothing to review").waitFor();

    await percy.goto(requestUrl);
    await percy.getByText('Approved').first().waitFor();
    if (process.env.SSPM_E2E_SCREENSHOTS) await percy.screenshot({ path: `${process.env.SSPM_E2E_SCREENSHOTS}/detail.png`, fullPage: true });
    const limits = await percy.evaluate(async () => {
      const response = await fetch('/api/v1/tenants');
      const body = (await response.json()) as { items: { id: string; limits: { concurrent: number } }[] };
      return body.items.find((tenant) => tenant.id === 'league')?.limits.concurrent;
    });
    expect(limits).toBe(260);
    // Every page of the story ran under the Content-Security-Policy without anything refused.
    expect(cspViolations.flat()).toEqual([]);
  });
});
