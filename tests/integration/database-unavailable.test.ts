import { type Server, type Socket, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { asUnavailable } from '@/lib/http/unavailable';
import { call, installAppContext, sessionCookieFor } from '../support/api';
import { createTestContext } from '../support/use-case-context';

/** A "database" that accepts connections and never answers: a frozen network path. */
async function startBlackHole(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on: a database that is down and refuses. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function openWithWait(url: string, waitMs: number): Promise<DatabaseHandle> {
  const previous = process.env.PG_POOL_WAIT_MS;
  process.env.PG_POOL_WAIT_MS = String(waitMs);
  try {
    return await openDatabase({ kind: 'pg', url });
  } finally {
    if (previous === undefined) delete process.env.PG_POOL_WAIT_MS;
    else process.env.PG_POOL_WAIT_MS = previous;
  }
}

function installDatabase(handle: DatabaseHandle): void {
  const ctx = createTestContext({ ...handle, dispose: async () => {} });
  installAppContext(ctx);
}

describe('a database that cannot be reached (reliability items 2 and 3)', () => {
  let blackHole: Awaited<ReturnType<typeof startBlackHole>>;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    blackHole = await startBlackHole();
  });
  afterEach(() => {
    installAppContext(undefined as never);
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close().catch(() => {});
    await blackHole.close();
  });

  async function down(kind: 'refusing' | 'frozen', waitMs = 500): Promise<void> {
    const port = kind === 'refusing' ? await closedPort() : blackHole.port;
    const handle = await openWithWait(`postgres://sspm@127.0.0.1:${port}/sspm`, waitMs);
    handles.push(handle);
    installDatabase(handle);
  }

  it.each(['refusing', 'frozen'] as const)('answers the API with 503 unavailable and Retry-After when the database is %s, never 500', async (kind) => {
    await down(kind);
    const cookie = await sessionCookieFor('percy@classics.example', { sessionId: '00000000-0000-4000-8000-000000000001' });
    const started = Date.now();
    const answers = [
      await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie }),
      await call(requestsRoute.POST, 'POST', '/api/v1/requests', { cookie, body: { tenantId: 'league', changes: { concurrent: 160 }, reason: 'x' } }),
      await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { authorization: `Bearer sspm_${'a'.repeat(43)}` }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.json?.error.code).toBe('unavailable');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Each waited at most PG_POOL_WAIT_MS (500 ms here) for a connection, not as long as the outage.
    expect(Date.now() - started).toBeLessThan(3 * 2_000);
  });

  it('answers /api/health within 2 s with 503 while the database is frozen, even with the default connection wait', async () => {
    await down('frozen', 5_000);
    const started = Date.now();
    const response = await healthRoute.GET();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', database: 'down' });
    expect(response.headers.get('retry-after')).toBeTruthy();
  });

  it('tells a database outage (a retry may work) from a bug', () => {
    expect(asUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))?.code).toBe('unavailable');
    expect(asUnavailable(new Error('timeout exceeded when trying to connect'))?.status).toBe(503);
    expect(asUnavailable(new Error('Failed query', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }))?.code).toBe('unavailable');
    expect(asUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
    expect(asUnavailable(new TypeError('x is undefined'))).toBeNull();
  });
});
