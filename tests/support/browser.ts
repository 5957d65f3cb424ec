import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (apt); tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);

if (!browserAvailable && process.env.SSPM_E2E_REQUIRED === 'true') {
  throw new Error(`Browser tests are required but ${CHROMIUM} is missing (apt-get install chromium).`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects what the browser refused under the Content-Security-Policy, so a test can insist on none. */
export function recordCspViolations(page: import('playwright-core').Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/**
 * A new browser session signed in through the demo sign-in page as a person would: the button of
 * that user, then the dashboard. Page errors fail the test; CSP refusals are recorded.
 */
export async function signInWithDemo(
  browser: Browser,
  baseURL: string,
  email: string,
): Promise<{ page: import('playwright-core').Page; cspViolations: string[] }> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  const cspViolations = recordCspViolations(page);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto('/signin');
  await page.getByRole('button', { name: new RegExp(`\\(${email.replace(/\./g, '\\.')}\\)`) }).click();
  await page.waitForURL(`${baseURL}/`);
  return { page, cspViolations };
}
