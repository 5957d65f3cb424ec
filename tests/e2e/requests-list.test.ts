import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, recordCspViolations } from '../support/browser';
import { parseCsv } from '../support/csv';

const TIME_ZONE = 'America/Sao_Paulo';
const SCREENSHOTS = process.env.SSPM_E2E_SCREENSHOTS;

/** Today as a date input reads it, in the browser's time zone. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
const tomorrow = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(Date.now() + 24 * 3600_000));

/** axe's serious and critical findings under WCAG 2.2 AA, as the issue counts them. */
async function seriousAxeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// Issue 12, item 2: a partner finds requests by what they remember (a word of the reason, a day),
// keeps the filters in the address, opens a request from anywhere on its row, and takes the same
// list away as CSV; on a laptop and on a phone, without the page scrolling sideways.
describe.skipIf(!browserAvailable)('the requests list in a real browser', () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csp: string[];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    context = await browser.newContext({ baseURL: app.url, timezoneId: TIME_ZONE, locale: 'en-US', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    csp = recordCspViolations(page);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto('/signin');
    await page.getByRole('button', { name: /\(percy@classics\.example\)/ }).click();
    await page.waitForURL(`${app.url}/`);
    // Three requests of Percy's, through the API as the pages' own scripts call it.
    const created = await page.evaluate(async () => {
      const submit = async (tenantId: string, concurrent: number, reason: string) => {
        const response = await fetch('/api/v1/requests', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenantId, changes: { concurrent }, reason }),
        });
        return response.status;
      };
      return [
        await submit('league', 160, 'Membership drive'),
        await submit('blakeney', 55, 'Harbour season'),
        await submit('classics', 205, '=SUM(1+1) in a reason'),
      ];
    });
    expect(created).toEqual([201, 201, 201]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('searches and filters by day with the filters in the address, opens a request by a row click, and exports the filtered CSV (1440×900)', async () => {
    await page.goto('/requests');
    await page.getByText('Showing 3 of 3 requests.').waitFor();
    await page.getByText(`Whole days, both included, in your time zone (${TIME_ZONE}).`).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByLabel('Search').fill('membership');
    await page.waitForURL(/[?&]q=membership/);
    await page.getByText('Showing 1 of 1 request.').waitFor();

    await page.getByLabel('From').fill(tomorrow());
    await page.waitForURL(new RegExp(`from=${tomorrow()}`));
    await page.getByText('No requests match these filters.').waitFor();
    await page.getByLabel('From').fill(today());
    await page.getByLabel('To').fill(today());
    await page.waitForURL(new RegExp(`from=${today()}&to=${today()}`));
    await page.getByText('Showing 1 of 1 request.').waitFor();

    // The address alone brings the same list back.
    const address = page.url();
    await page.reload();
    await page.getByText('Showing 1 of 1 request.').waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('membership');
    expect(await page.getByLabel('From').inputValue()).toBe(today());

    const table = page.locator('table');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.textContent()).toContain('Membership drive');
    // One link per row, and nothing else to operate inside it.
    expect(await row.locator('a, button, input, select, textarea').count()).toBe(1);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/requests-list-1440.png`, fullPage: true });
    expect(await seriousAxeFindings(page)).toEqual([]);

    // The export carries the filters; its file holds the filtered rows.
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await exportLink.getAttribute('href')).toBe(`/api/v1/requests.csv?q=membership&from=${today()}&to=${today()}`);
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^requests-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...records] = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''));
    expect(header).toContain('Reason');
    expect(records).toHaveLength(1);
    expect(records[0]![header!.indexOf('Reason')]).toBe('Membership drive');
    expect(records[0]![header!.indexOf('Tenant id')]).toBe('league');

    // A click anywhere on the row opens the request (here, on its tenant's name).
    await row.locator('td').nth(1).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await page.goBack();
    await page.waitForURL(address);

    // Sorting by a column keeps the other filters, and the address says so.
    await page.getByLabel('Search').fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await page.getByRole('button', { name: /^Tenant/ }).click();
    await page.waitForURL(/sort=tenant/);
    await expect
      .poll(() => page.locator('table tbody tr td:nth-child(2)').allTextContents())
      .toEqual(['Blakeney Shipping', 'Classics, Inc.', 'The League of the Scarlet Pimpernel']);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/^Tenant/);
  });

  it('shows every request with its status and case on a phone, opens one by tapping its card, and never scrolls sideways (390×844)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // An address typed by hand: what is not a valid filter reads as absent, never an error page.
    await page.goto('/requests?q=harbour&sort=sideways&from=yesterday&tenantId=musketeers');
    const cards = page.locator('main li').filter({ hasText: 'Harbour season' });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(1);
    const text = await cards.first().textContent();
    expect(text).toContain('Approved');
    expect(text).toMatch(/\d{8}/);
    expect(await cards.first().isVisible()).toBe(true);
    expect(await page.locator('table').isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/requests-list-390.png`, fullPage: true });
    expect(await seriousAxeFindings(page)).toEqual([]);

    // The other filters fold away on a phone, behind one button.
    await page.goto('/requests');
    await page.getByText('Showing 3 of 3 requests.').waitFor();
    expect(await page.getByLabel('Status').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByLabel('Status').selectOption('approved');
    await page.waitForURL(/status=approved/);
    await page.getByRole('button', { name: 'More filters (1 in use)' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The card's own area, away from its case number: the whole card is the link.
    const card = page.locator('main li').filter({ hasText: 'Harbour season' });
    await card.scrollIntoViewIfNeeded();
    const box = (await card.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 10);
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);

    expect(csp).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('reads as well in the system’s dark setting, at both sizes', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto('/requests');
      await page.getByText('Showing 3 of 3 requests.').waitFor();
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/requests-list-${viewport.width}-dark.png`, fullPage: true });
      expect(await seriousAxeFindings(page), `${viewport.width} px`).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
