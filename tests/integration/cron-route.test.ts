import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCronAuthorized } from '@/lib/http/cron-route';
import { installAppContext } from '../support/api';
import { salesforceDeskFor } from '../support/salesforce';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { type TestDatabase, createTestDatabase } from '../support/test-db';
import { createTestContext } from '../support/use-case-context';

const SECRET = 'a-cron-secret-of-enough-length-0123';
const URL = 'http://localhost:3000/api/cron/salesforce-sync';

describe('GET /api/cron/salesforce-sync', () => {
  let database: TestDatabase;
  let emulator: SalesforceEmulator;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    emulator = await startSalesforceEmulator();
    installAppContext({ ...createTestContext(database), caseDesk: salesforceDeskFor(emulator) });
  });
  afterAll(async () => {
    await emulator.stop();
    await database.dispose();
  });
  beforeEach(() => {
    emulator.calls.reset();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** The route as a fresh process with this environment would load it (the environment is read once). */
  async function routeWith(secret: string | undefined) {
    vi.stubEnv('CRON_SECRET', secret ?? '');
    vi.resetModules();
    return import('@/app/api/cron/salesforce-sync/route');
  }
  const get = (route: { GET: (request: Request) => Promise<Response> }, authorization?: string) =>
    route.GET(new Request(URL, { headers: authorization ? { authorization } : {} }));

  it('is rendered on every call, never cached', async () => {
    expect((await routeWith(SECRET)).dynamic).toBe('force-dynamic');
  });

  it('answers 401 without the bearer secret, and does nothing', async () => {
    const response = await get(await routeWith(SECRET));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    expect(emulator.calls.total()).toBe(0);
  });

  it('answers 401 to a wrong bearer secret, whatever its length', async () => {
    const route = await routeWith(SECRET);
    for (const authorization of [`Bearer ${SECRET}x`, 'Bearer short', `Basic ${SECRET}`, SECRET]) {
      expect((await get(route, authorization)).status).toBe(401);
    }
    expect(emulator.calls.total()).toBe(0);
  });

  it('refuses every call when CRON_SECRET is unset', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const route = await routeWith(undefined);
    for (const authorization of [undefined, 'Bearer ', 'Bearer undefined', `Bearer ${SECRET}`]) {
      expect((await get(route, authorization)).status).toBe(401);
    }
    expect(emulator.calls.total()).toBe(0);
    expect(log).toHaveBeenCalledWith('CRON_SECRET is not set: scheduled jobs refuse every call.');
    log.mockRestore();
  });

  it('runs the sync with the right secret and reports what it did as JSON', async () => {
    const response = await get(await routeWith(SECRET), `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ran: true,
      messagesSent: 0,
      casesRead: 0,
      decisionsApplied: 0,
      apiCalls: 0,
      complete: true,
    });
  });
});

describe('the cron secret check', () => {
  it('accepts exactly "Bearer <secret>" and fails closed without a secret', () => {
    expect(isCronAuthorized(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(isCronAuthorized(`bearer ${SECRET}`, SECRET)).toBe(false);
    expect(isCronAuthorized(null, SECRET)).toBe(false);
    expect(isCronAuthorized('Bearer ', '')).toBe(false);
    expect(isCronAuthorized('Bearer undefined', undefined)).toBe(false);
  });
});
