import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '@/db/demo-data';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as requestRoute from '@/app/api/v1/requests/[id]/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as cancelRoute from '@/app/api/v1/requests/[id]/cancel/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, createTestContext } from '../support/use-case-context';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { type Json, call, installAppContext } from '../support/api';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(BACKENDS)('HTTP API v1 on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    installAppContext(createTestContext(database));
  });
  afterAll(async () => {
    await database.dispose();
  });

  const create = (as: string | null, body: unknown) => call(requestsRoute.POST, 'POST', '/api/v1/requests', { as, body });
  const onRequest = (handler: typeof cancelRoute.POST, id: string, as: string, body?: unknown) =>
    call(handler, 'POST', `/api/v1/requests/${id}/x`, { as, body, params: { id } });
  const league = (changes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    tenantId: 'league',
    changes,
    reason: 'Membership drive',
    ...extra,
  });

  function expectError(response: { status: number; json: Json | null }, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(response.json!.error.message.length).toBeGreaterThan(10);
  }

  describe('authentication', () => {
    it.each([
      ['GET /tenants', () => call(tenantsRoute.GET, 'GET', '/api/v1/tenants')],
      ['GET /requests', () => call(requestsRoute.GET, 'GET', '/api/v1/requests')],
      ['POST /requests', () => call(requestsRoute.POST, 'POST', '/api/v1/requests', { body: league({ concurrent: 200 }) })],
      ['GET /requests/{id}', () => call(requestRoute.GET, 'GET', `/api/v1/requests/${UNKNOWN_ID}`, { params: { id: UNKNOWN_ID } })],
      ['POST cancel', () => call(cancelRoute.POST, 'POST', '/x', { params: { id: UNKNOWN_ID } })],
      ['POST information', () => call(informationRoute.POST, 'POST', '/x', { params: { id: UNKNOWN_ID } })],
      ['POST decision', () => call(decisionRoute.POST, 'POST', '/x', { params: { id: UNKNOWN_ID } })],
      ['a forged cookie', () => call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { cookie: 'authjs.session-token=forged' })],
    ])('answers 401 unauthenticated to %s without a valid session', async (_name, send) => {
      expectError(await send(), 401, 'unauthenticated');
    });
  });

  describe('GET /api/v1/tenants', () => {
    it.each([
      [PERCY, ['blakeney', 'classics', 'league']],
      [MARGUERITE, ['blakeney', 'classics', 'league']],
      [ATHOS, ['gascony', 'musketeers']],
      // Every tenant of every partner, the second demo partner's 151 among them (one page of up to 500).
      [REP, DEMO_TENANTS.map((tenant) => tenant.id).sort()],
    ])('shows %s exactly its tree', async (email, expected) => {
      const response = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants?limit=500', { as: email });
      expect(response.status).toBe(200);
      expect(response.json!.items.map((tenant: { id: string }) => tenant.id).sort()).toEqual(expected);
    });

    it('returns tenants in the shape of SPEC §5 with their open request', async () => {
      const open = await create(PERCY, league({ concurrent: 400 }));
      const response = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { as: PERCY });
      expect(response.json!.nextCursor).toBeNull();
      expect(response.json!.items.find((tenant: { id: string }) => tenant.id === 'league')).toEqual({
        id: 'league',
        name: 'The League of the Scarlet Pimpernel',
        parentId: 'classics',
        personalConnectionEnabled: true,
        monitoringGatewayEnabled: true,
        limits: { concurrent: 150, outbound: 80, agentless: 40 },
        openRequestId: open.json!.id,
      });
    });

    it('refuses Network Operations without view permissions (403 forbidden)', async () => {
      expectError(await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { as: NETOPS }), 403, 'forbidden');
    });
  });

  describe('POST /api/v1/requests', () => {
    it('answers 201 with the request as stored, in the shape of SPEC §5', async () => {
      const response = await create(PERCY, league({ concurrent: 200 }));
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/api/v1/requests/${response.json!.id}`);
      expect(response.json).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: 'league',
        status: 'approved',
        caseNumber: expect.stringMatching(/^\d{8}$/),
        changes: { concurrent: { from: 150, to: 200 } },
        reason: 'Membership drive',
        justification: null,
        revertAt: null,
        requestedBy: PERCY,
        automatic: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        decision: { by: 'auto', at: expect.any(String), comment: expect.any(String) },
      });
    });

    it.each([
      ['a body that is not JSON', { rawBody: '{"tenantId":' }, 'invalid_input'],
      ['a missing reason', { body: { tenantId: 'league', changes: { concurrent: 200 } } }, 'invalid_input'],
      ['a port value that is not a number', { body: league({ concurrent: '200' }) }, 'invalid_input'],
      ['an unknown port type', { body: league({ inbound: 3 }) }, 'invalid_input'],
      ['a malformed revertAt', { body: league({ concurrent: 200 }, { revertAt: 'tomorrow' }) }, 'invalid_input'],
      ['several tenants in tenantId', { body: { ...league({ concurrent: 200 }), tenantId: ['league', 'classics'] } }, 'single_tenant_only'],
      ['a tenantIds list', { body: { ...league({ concurrent: 200 }), tenantIds: ['league'] } }, 'single_tenant_only'],
    ])('answers 400 to %s and stores nothing', async (_name, options, code) => {
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, ...options });
      expectError(response, 400, code);
      if (code === 'invalid_input' && !('rawBody' in options)) expect(response.json!.error.issues.length).toBeGreaterThan(0);
      const list = await call(requestsRoute.GET, 'GET', '/api/v1/requests', { as: PERCY });
      expect(list.json!.items).toEqual([]);
    });

    it.each([
      ['limit_out_of_range', league({ concurrent: 10_000 })],
      ['limit_out_of_range', league({ agentless: -1 })],
      ['limit_out_of_range', league({ concurrent: 1.5 })],
      ['exceeds_concurrent', league({ concurrent: 70 })],
      ['port_type_not_enabled', { ...league({ outbound: 5 }), tenantId: 'blakeney' }],
      ['no_change', league({ concurrent: 150 })],
      ['invalid_revert_at', league({ concurrent: 200 }, { revertAt: '2020-01-01T00:00:00Z' })],
    ])('answers 422 %s', async (code, body) => {
      expectError(await create(PERCY, body), 422, code);
    });

    it('answers 422 monitoring_gateway_disabled for a tenant without Monitoring Gateway', async () => {
      expectError(await create(ATHOS, { ...league({ concurrent: 50 }), tenantId: 'gascony' }), 422, 'monitoring_gateway_disabled');
    });

    it('answers 409 stale_limits when the limits the client saw changed', async () => {
      expectError(await create(PERCY, league({ concurrent: 200 }, { expected: { concurrent: 140 } })), 409, 'stale_limits');
      expect((await create(PERCY, league({ concurrent: 200 }, { expected: { concurrent: 150 } }))).status).toBe(201);
    });

    it('answers 409 request_already_open while the tenant has an open request', async () => {
      expect((await create(PERCY, league({ concurrent: 400 }))).json!.status).toBe('pending_info');
      expectError(await create(PERCY, league({ concurrent: 160 })), 409, 'request_already_open');
    });

    it('refuses a viewer (403) and hides another partner tenant (404), for unknown tenants alike', async () => {
      expectError(await create(MARGUERITE, league({ concurrent: 200 })), 403, 'forbidden');
      expectError(await create(ATHOS, league({ concurrent: 200 })), 404, 'not_found');
      expectError(await create(PERCY, { ...league({ concurrent: 200 }), tenantId: 'atlantis' }), 404, 'not_found');
    });
  });

  describe('one request and its transitions', () => {
    it('shows the request with its audit trail to its partner and to reps, and 404 to another partner', async () => {
      const { json: created } = await create(PERCY, league({ concurrent: 200 }));
      const get = (as: string, id = created!.id as string) =>
        call(requestRoute.GET, 'GET', `/api/v1/requests/${id}`, { as, params: { id } });

      const mine = await get(MARGUERITE);
      expect(mine.status).toBe(200);
      expect(mine.json).toMatchObject({ id: created!.id, status: 'approved' });
      expect(mine.json!.audit.map((event: { toState: string }) => event.toState)).toEqual(['new', 'approved']);
      expect((await get(REP)).status).toBe(200);
      expectError(await get(ATHOS), 404, 'not_found');
      expectError(await get(PERCY, UNKNOWN_ID), 404, 'not_found');
      expectError(await get(PERCY, 'not-a-uuid'), 404, 'not_found');
    });

    it('takes information (200 in_review), then a rep decision (200 approved), then refuses a second decision (409)', async () => {
      const { json: created } = await create(PERCY, league({ concurrent: 260 }));
      const id = created!.id as string;
      expect(created!.status).toBe('pending_info');

      expectError(await onRequest(informationRoute.POST, id, PERCY, { justification: '' }), 400, 'invalid_input');
      expectError(await onRequest(informationRoute.POST, id, ATHOS, { justification: 'x' }), 404, 'not_found');
      const informed = await onRequest(informationRoute.POST, id, PERCY, { justification: 'Peak of 240 calls' });
      expect(informed.status).toBe(200);
      expect(informed.json).toMatchObject({ status: 'in_review', justification: 'Peak of 240 calls' });
      expectError(await onRequest(informationRoute.POST, id, PERCY, { justification: 'again' }), 409, 'invalid_transition');

      expectError(await onRequest(decisionRoute.POST, id, PERCY, { decision: 'approve' }), 403, 'forbidden');
      expectError(await onRequest(decisionRoute.POST, id, REP, { decision: 'maybe' }), 400, 'invalid_input');
      expectError(await onRequest(decisionRoute.POST, id, REP, { decision: 'reject' }), 422, 'comment_required');
      const approved = await onRequest(decisionRoute.POST, id, REP, { decision: 'approve', comment: 'Fine for the drive' });
      expect(approved.status).toBe(200);
      expect(approved.json).toMatchObject({ status: 'approved', decision: { by: REP, comment: 'Fine for the drive' } });
      expectError(await onRequest(decisionRoute.POST, id, REP, { decision: 'reject', comment: 'no' }), 409, 'already_decided');

      const tenants = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { as: PERCY });
      expect(tenants.json!.items.find((tenant: { id: string }) => tenant.id === 'league').limits.concurrent).toBe(260);
    });

    it('cancels an open request (200) and refuses to cancel it twice (409) or for another partner (404)', async () => {
      const { json: created } = await create(PERCY, league({ concurrent: 400 }));
      const id = created!.id as string;
      expectError(await onRequest(cancelRoute.POST, id, ATHOS), 404, 'not_found');
      expectError(await onRequest(cancelRoute.POST, id, MARGUERITE), 403, 'forbidden');
      const cancelled = await onRequest(cancelRoute.POST, id, PERCY);
      expect(cancelled.status).toBe(200);
      expect(cancelled.json!.status).toBe('cancelled');
      expectError(await onRequest(cancelRoute.POST, id, PERCY), 409, 'invalid_transition');
    });
  });

  describe('GET /api/v1/requests', () => {
    it('pages newest first with a cursor, filters by tenant and status, and hides other partners', async () => {
      const ids: string[] = [];
      for (const concurrent of [160, 170, 180]) ids.push((await create(PERCY, league({ concurrent }))).json!.id);
      await create(ATHOS, { tenantId: 'musketeers', changes: { concurrent: 301 }, reason: 'Musketeers' });

      const first = await call(requestsRoute.GET, 'GET', '/api/v1/requests?limit=2', { as: PERCY });
      expect(first.status).toBe(200);
      expect(first.json!.items).toHaveLength(2);
      const second = await call(requestsRoute.GET, 'GET', `/api/v1/requests?limit=2&cursor=${first.json!.nextCursor}`, { as: PERCY });
      expect(second.json!.nextCursor).toBeNull();
      const seen = [...first.json!.items, ...second.json!.items].map((item: { id: string }) => item.id);
      expect(new Set(seen)).toEqual(new Set(ids));

      const filtered = await call(requestsRoute.GET, 'GET', '/api/v1/requests?tenantId=musketeers', { as: PERCY });
      expect(filtered.json!.items).toEqual([]);
      const byStatus = await call(requestsRoute.GET, 'GET', '/api/v1/requests?status=approved', { as: ATHOS });
      expect(byStatus.json!.items.map((item: { tenantId: string }) => item.tenantId)).toEqual(['musketeers']);
    });

    it('treats blank filters as no filter, as a form posting "All" sends them', async () => {
      await create(PERCY, league({ concurrent: 160 }));
      const response = await call(requestsRoute.GET, 'GET', '/api/v1/requests?tenantId=&status=&cursor=', { as: PERCY });
      expect(response.status).toBe(200);
      expect(response.json!.items).toHaveLength(1);
    });

    it.each([
      ['an unknown status', '?status=done'],
      ['a limit above 100', '?limit=1000'],
    ])('answers 400 to %s', async (_name, query) => {
      expectError(await call(requestsRoute.GET, 'GET', `/api/v1/requests${query}`, { as: PERCY }), 400, 'invalid_input');
    });

    it('answers 400 invalid_cursor to a forged cursor', async () => {
      expectError(await call(requestsRoute.GET, 'GET', '/api/v1/requests?cursor=bm90LWEtY3Vyc29y', { as: PERCY }), 400, 'invalid_cursor');
    });
  });
});
