import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/db/demo-data';
import { en } from '@/lib/i18n/messages';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { type AppServer, startAppServer } from '../support/app-server';
import { browserAvailable, launchBrowser, signInWithDemo } from '../support/browser';

// Issue 12, "Feedback and safety": a destructive action on the access and tokens pages asks first in
// an accessible dialog, going back changes nothing, and every save ends with a notice (role=status)
// that outlasts the form it came from.

const access = en.admin.access;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** The status notices on the page, as a screen reader would hear them. */
const statusTexts = (page: Page) => page.getByRole('status').allInnerTexts();

describe.skipIf(!browserAvailable)('the access and tokens pages ask before destroying and say when done', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('says in words what each demo user does on the sign-in page, never the SSO group', async () => {
    const page = await (await browser.newContext({ baseURL: app.url, locale: 'en' })).newPage();
    await page.goto('/signin');
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/sspm-[a-z-]+/);
    expect(text).toContain(fill(en.signin.demo.role.requester, { tenant: 'Classics, Inc.' }));
    expect(text).toContain(fill(en.signin.demo.role.viewer, { tenant: 'Classics, Inc.' }));
    expect(text).toContain(en.signin.demo.role.accountRep);
    expect(text).toContain(en.signin.demo.role.networkOps);
    // The role is the button's description: a screen reader hears who, then what they do.
    const percy = page.getByRole('button', { name: /\(percy@classics\.example\)/ });
    const describedBy = (await percy.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe(fill(en.signin.demo.role.requester, { tenant: 'Classics, Inc.' }));
    await page.context().close();
  });

  it('describes every permission where it is granted, and confirms each save of a mapping or a tenant', async () => {
    const { page } = await signInWithDemo(browser, app.url, 'rep@ops.example');
    await page.goto('/admin/access');
    const viewer = page.locator('li', { has: page.getByRole('heading', { name: 'sspm-viewer', exact: true }) });
    for (const permission of PERMISSIONS) {
      const box = viewer.getByRole('checkbox', { name: new RegExp(permission) });
      const describedBy = (await box.getAttribute('aria-describedby'))!;
      expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe(access.permissions[permission]);
    }

    await viewer.getByRole('button', { name: fill(access.mappings.saveDescription, { group: 'sspm-viewer' }) }).click();
    await expect.poll(() => statusTexts(page)).toContain(fill(access.mappings.saved, { group: 'sspm-viewer' }));

    const tenant = page.locator('li', { hasText: 'Blakeney Shipping' });
    await tenant.getByRole('checkbox', { name: access.tenants.personalConnection }).check();
    await tenant.getByRole('button', { name: fill(access.tenants.saveDescription, { tenant: 'Blakeney Shipping' }) }).click();
    await expect.poll(() => statusTexts(page)).toContain(fill(access.tenants.saved, { tenant: 'Blakeney Shipping' }));
    await page.context().close();
  });

  it('asks before removing a mapping; going back keeps it, confirming removes it and says so', async () => {
    const { page } = await signInWithDemo(browser, app.url, 'rep@ops.example');
    await page.goto('/admin/access');
    await page.getByLabel(access.mappings.newGroup).fill('sspm-auditors');
    const addForm = page.locator('form', { has: page.getByLabel(access.mappings.newGroup) });
    await addForm.getByRole('checkbox', { name: /sspm:view/ }).check();
    await addForm.getByRole('button', { name: access.mappings.add }).click();
    await expect.poll(() => statusTexts(page)).toContain(access.mappings.added);

    const auditors = page.locator('li', { has: page.getByRole('heading', { name: 'sspm-auditors', exact: true }) });
    const question = page.getByRole('dialog', { name: fill(access.mappings.confirmRemove.title, { group: 'sspm-auditors' }) });
    await auditors.getByRole('button', { name: access.mappings.remove }).click();
    await question.waitFor();
    await question.getByRole('button', { name: en.common.confirm.back }).click();
    await question.waitFor({ state: 'hidden' });
    await page.reload();
    expect(await auditors.count()).toBe(1);

    await auditors.getByRole('button', { name: access.mappings.remove }).click();
    await question.getByRole('button', { name: access.mappings.confirmRemove.confirm }).click();
    const done = fill(access.mappings.removed, { group: 'sspm-auditors' });
    await page.getByRole('status').filter({ hasText: done }).waitFor();
    await auditors.waitFor({ state: 'detached' });
    // The notice takes the focus of the button that went away with its mapping.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(done);
    await page.context().close();
  });

  it('asks before ending a user’s sessions, then signs that user out everywhere and says so', async () => {
    const percy = await signInWithDemo(browser, app.url, 'percy@classics.example');
    const { page } = await signInWithDemo(browser, app.url, 'rep@ops.example');
    await page.goto('/admin/access');
    const name = DEMO_USERS.find((user) => user.email === 'percy@classics.example')!.name;
    const row = page.locator('li', { has: page.getByRole('heading', { name, exact: true }) });
    await row.getByRole('button', { name: access.users.endSessions }).click();
    const question = page.getByRole('dialog', { name: fill(access.users.confirmEnd.title, { name }) });
    await question.getByRole('button', { name: access.users.confirmEnd.confirm }).click();
    await page.getByRole('status').filter({ hasText: fill(access.users.sessionsEnded, { name }) }).waitFor();

    await percy.page.reload();
    await percy.page.waitForURL(/\/signin/);
    await Promise.all([page.context().close(), percy.page.context().close()]);
  });

  it('asks before revoking a token, and says when a token is created and when it is revoked', async () => {
    const tokens = en.tokens;
    const { page } = await signInWithDemo(browser, app.url, 'percy@classics.example');
    await page.goto('/settings/tokens');
    await page.getByLabel(tokens.create.name).fill('Nightly export');
    await page.getByRole('button', { name: tokens.create.submit }).click();
    await expect.poll(() => statusTexts(page)).toContainEqual(expect.stringContaining(fill(tokens.create.created, { name: 'Nightly export' })));

    const entry = page.locator('li', { has: page.getByRole('heading', { name: 'Nightly export', exact: true }) });
    const question = page.getByRole('dialog', { name: fill(tokens.revoke.confirm.title, { name: 'Nightly export' }) });
    await entry.getByRole('button', { name: tokens.revoke.submit }).click();
    await question.getByRole('button', { name: en.common.confirm.back }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await entry.innerText()).toContain(tokens.state.active);

    await entry.getByRole('button', { name: tokens.revoke.submit }).click();
    await question.getByRole('button', { name: tokens.revoke.confirm.confirm }).click();
    await page.getByRole('status').filter({ hasText: fill(tokens.revoke.done, { name: 'Nightly export' }) }).waitFor();
    await expect.poll(() => entry.innerText()).toContain(tokens.state.revoked);
    await page.context().close();
  });
});
