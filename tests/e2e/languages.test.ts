import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, DEMO_USERS } from '@/db/demo-data';
import { en, ptBR } from '@/lib/i18n/messages';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, recordCspViolations } from '../support/browser';

type Tree = { [key: string]: string | Tree };
const messagesOf = (tree: Tree): string[] => Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : messagesOf(value)));
const wordsOf = (texts: string[]) => new Set(texts.flatMap((text) => text.replace(/\{[^{}]*\}/g, ' ').match(/\p{L}{4,}/gu) ?? []).map((w) => w.toLowerCase()));

// Words of data and product names are the same in every language: tenant and user names, products.
// What Percy types is his, in his language: data, not words of the app (each run's reason shows in
// the other run's request list too).
const REASONS = { 'pt-BR': 'Campanha de associação 2026', en: 'Membership drive 2026' };

const DATA_WORDS = wordsOf([
  ...Object.values(REASONS),
  ...DEMO_TENANTS.map((tenant) => tenant.name),
  ...DEMO_USERS.flatMap((user) => [user.name, user.email]),
  'Monitoring Gateway Personal Connection Salesforce English Português Brasil SSPM Self-Service Port Management',
]);

/** Words a page in one language must not show: the other catalogue's words that this one never uses. */
function foreignWords(other: Tree, own: Tree): Set<string> {
  const ownWords = wordsOf(messagesOf(own));
  return new Set([...wordsOf(messagesOf(other))].filter((word) => !ownWords.has(word) && !DATA_WORDS.has(word)));
}

const LANGUAGES = [
  { locale: 'pt-BR', foreign: foreignWords(en as Tree, ptBR as Tree), timezoneId: 'America/Sao_Paulo', date: /\b\d{2}\/\d{2}\/\d{4}\b/, concurrent: 190, reason: REASONS['pt-BR'] },
  { locale: 'en', foreign: foreignWords(ptBR as Tree, en as Tree), timezoneId: 'Europe/London', date: /\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b/, concurrent: 180, reason: REASONS.en },
] as const;

const screenshots = process.env.SSPM_E2E_SCREENSHOTS;

// Issue 11: Percy's journey, once per language, with every page he can reach in that language alone.
describe.skipIf(!browserAvailable)('Percy in Portuguese and in English', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const language of LANGUAGES) {
    it(`shows every page Percy reaches in ${language.locale} only, with dates in its form, <html lang> matching`, async () => {
      const context: BrowserContext = await browser.newContext({ baseURL: app.url, locale: language.locale, timezoneId: language.timezoneId });
      const page = await context.newPage();
      const csp = recordCspViolations(page);
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });

      const check = async (name: string) => {
        await page.waitForLoadState('networkidle');
        expect(await page.getAttribute('html', 'lang')).toBe(language.locale);
        const text = await page.evaluate(() => document.body.innerText);
        const leaked = [...new Set((text.match(/\p{L}{4,}/gu) ?? []).map((w) => w.toLowerCase()))].filter((word) => language.foreign.has(word));
        expect({ page: name, leaked }).toEqual({ page: name, leaked: [] });
        if (screenshots) await page.screenshot({ path: `${screenshots}/${language.locale}-${name}.png`, fullPage: true });
        return text;
      };

      await page.goto('/signin');
      await check('signin');
      await page.getByRole('button', { name: /\(percy@classics\.example\)/ }).click();
      await page.waitForURL(`${app.url}/`);
      // The first visit tells the server the browser's time zone, and the page renders again in it.
      await check('dashboard');

      await page.goto('/requests/new?tenant=league');
      await check('new-request');
      await page.locator('input[name="concurrent"]').fill(String(language.concurrent));
      await page.locator('[name="reason"]').fill(language.reason);
      await page.locator('main form button[type="submit"]').click();
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
      const detail = await check('request');
      expect(detail).toMatch(language.date);

      await page.goto('/requests');
      expect(await check('requests')).toMatch(language.date);
      await page.goto('/settings/tokens');
      await check('tokens');
      await page.goto('/requests/00000000-0000-4000-8000-000000000000');
      await check('not-found');
      await page.goto('/');
      await page.locator('header button[aria-haspopup], header button[aria-expanded]').first().click();
      await check('notifications');

      expect(csp).toEqual([]);
      expect(consoleErrors.filter((text) => !/404|Not Found/i.test(text))).toEqual([]);
      await context.close();
    });
  }

  it('switches every page to the other language from the header, and keeps the choice on the account', async () => {
    const context = await browser.newContext({ baseURL: app.url, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    const page = await context.newPage();
    await page.goto('/signin');
    await page.getByRole('button', { name: /\(percy@classics\.example\)/ }).click();
    await page.waitForURL(`${app.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');

    await page.locator('header select').first().selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto('/requests');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'Requests', exact: true }).first().waitFor();

    // Another browser whose language is Portuguese: the account's choice wins over Accept-Language.
    const elsewhere = await browser.newContext({ baseURL: app.url, locale: 'pt-BR' });
    const second = await elsewhere.newPage();
    await second.goto('/signin');
    await second.getByRole('button', { name: /\(percy@classics\.example\)/ }).click();
    await second.waitForURL(`${app.url}/`);
    expect(await second.getAttribute('html', 'lang')).toBe('en');
    await Promise.all([context.close(), elsewhere.close()]);
  });
});
