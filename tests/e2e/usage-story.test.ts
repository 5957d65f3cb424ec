import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, signInWithDemo } from '../support/browser';

// Issue 13's "done when", in a browser: a newcomer's demo shows usage beside the limits. The demo
// seeds 30 days of usage on its first start (db/demo-usage.ts): the League's membership drive
// near its 150 concurrent ports, Blakeney using about 20 of its 50.
describe.skipIf(!browserAvailable)('Percy sees his tenants’ usage and acts on it in a real browser (issue 13)', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows utilisation bars, the League’s 30 days with an alert and an increase, Blakeney’s decrease with its saving, and a suggestion opens the form filled in', async () => {
    const { page, cspViolations } = await signInWithDemo(browser, app.url, 'percy@classics.example');

    // The dashboard: each tenant's 7-day peak against its limit, in words as well as a bar.
    await page.getByText(/Peak in use in the last 7 days: \d+ of 150 · (9[5-9]|100)%, at or near the limit/).first().waitFor();
    await page.getByText(/Peak in use in the last 7 days: \d+ of 50 · \d+%/).first().waitFor();
    // The bell: the League's alert reached Percy.
    await page.locator('header button[aria-controls="notification-panel"]').click();
    await page.locator('#notification-panel').getByText(/The League of the Scarlet Pimpernel had \d+ of its 150 concurrent ports in use at once/).first().waitFor();
    await page.keyboard.press('Escape');

    // The League's page: 30 days drawn against the limit, the alert, and the increase it calls for.
    await page.getByRole('link', { name: 'The League of the Scarlet Pimpernel' }).first().click();
    await page.waitForURL(/\/tenants\/league$/);
    await page.getByRole('heading', { name: 'Usage over the last 30 days' }).waitFor();
    const chart = page.getByRole('img', { name: /^Concurrent ports Highest use: \d+ ports at once, (9[5-9]|100)% of the limit of 150/ });
    await chart.waitFor();
    await page.getByText('Show the figures as a table, a day per row').first().click();
    const days = await page.locator('details[open] table tbody tr').count();
    expect(days).toBeGreaterThanOrEqual(30);
    await page.getByRole('heading', { name: 'A limit is nearly reached' }).waitFor();
    await page.getByText(/Concurrent ports: the peak of the last 24 hours, \d+, is (9[5-9]|100)% of the limit of 150/).waitFor();
    await page.getByText(/Raise concurrent ports from 150 to \d+/).waitFor();

    // Blakeney: a decrease, and what it saves a month at the demo's port price (12.50).
    await page.goto('/tenants/blakeney');
    await page.getByText('Lower concurrent ports from 50 to 30').waitFor();
    await page.getByText('Saves $250.00 a month.').waitFor();
    await page.getByRole('link', { name: /^Request this change\s*: concurrent ports to 30$/ }).click();

    // The form, filled in with the suggestion; Percy still submits it himself.
    await page.waitForURL(/\/requests\/new\?/);
    await expect(page.getByLabel('Concurrent ports').inputValue()).resolves.toBe('30');
    await page.getByRole('button', { name: 'Submit request' }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});
