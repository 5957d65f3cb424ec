import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as requestRoute from '@/app/api/v1/requests/[id]/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as cancelRoute from '@/app/api/v1/requests/[id]/cancel/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import { auditEvents, changeRequests, tenants } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const SOME_ID = '6f1c2a4e-9b3d-4c8e-a1f0-2d5b7e9c3a10';
// A requests cursor is [sort, sort key, createdAt, id], newest first's key empty (issue 12): a pair
// here is the (createdAt, id) of such a cursor, so that each reaches the checks of those two.
const cursorOf = (value: unknown) =>
  Buffer.from(JSON.stringify(Array.isArray(value) && value.length >= 2 ? ['-created', '', ...value] : value)).toString('base64url');

/** Cursors nobody was given: each once reached SQL as a timestamptz or uuid cast (500) or read as a bad body. */
const CRAFTED_CURSORS: [string, string][] = [
  ['a uuid of 36 dashes', cursorOf(['2026-11-26T10:00:00.000Z', '-'.repeat(36)])],
  ['a date in the year +275760', cursorOf(['+275760-09-13T00:00:00.000Z', SOME_ID])],
  ['the year 0000', cursorOf(['0000-01-01T00:00:00.000Z', SOME_ID])],
  ['a date before 2000', cursorOf(['1999-12-31T23:59:59.999Z', SOME_ID])],
  ['a date that does not exist (30 February)', cursorOf(['2026-02-30T00:00:00.000Z', SOME_ID])],
  ['a date without milliseconds', cursorOf(['2026-11-26T10:00:00Z', SOME_ID])],
  ['a date with an offset', cursorOf(['2026-11-26T10:00:00.000+01:00', SOME_ID])],
  ['the largest epoch number', cursorOf([8.64e15, SOME_ID])],
  ['epoch 0 as a number', cursorOf([0, SOME_ID])],
  ['an id that is no uuid', cursorOf(['2026-11-26T10:00:00.000Z', "x' or 1=1 --"])],
  ['a third element', cursorOf(['2026-11-26T10:00:00.000Z', SOME_ID, 'extra'])],
  ['an object', cursorOf({ createdAt: '2026-11-26T10:00:00.000Z', id: SOME_ID })],
  ['JSON null', cursorOf(null)],
  ['a JSON string', cursorOf('2026-11-26T10:00:00.000Z')],
  ['an empty array', cursorOf([])],
  ['valid base64 of garbage', Buffer.from([0xff, 0x00, 0xfe, 0x7b, 0x22]).toString('base64url')],
  ['valid base64 of text', 'bm90LWEtY3Vyc29y'],
  ['36 dashes', '-'.repeat(36)],
  ['standard base64 with padding', Buffer.from(JSON.stringify(['2026-11-26T10:00:00.000Z', SOME_ID])).toString('base64')],
  ['a NUL', '\u0000'],
  ['10,000 characters', 'A'.repeat(10_000)],
];

describe.each(BACKENDS)('hostile inputs on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let percy: string;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    installAppContext(ctx);
    percy = `Bearer ${(await createApiToken(ctx, await ctx.callerFor(PERCY), { name: 'tests', expiresInDays: 30 })).token}`;
  });

  const list = (query: string) => call(requestsRoute.GET, 'GET', `/api/v1/requests${query}`, { authorization: percy });
  const submit = async (concurrent: number) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Drive' }));

  describe('issue 8 item 6.1: page cursors', () => {
    it.each(CRAFTED_CURSORS)('issue 8 item 6.1: a crafted cursor (%s) answers 400 invalid_cursor, never a 500', async (_name, cursor) => {
      const response = await list(`?cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
      expect(response.json!.error).toEqual({ code: 'invalid_cursor', message: expect.stringContaining('first page') });
    });

    it('issue 8 item 6.1: still pages with the cursors it gives out, and with any well-formed one in range', async () => {
      for (const concurrent of [160, 170, 180]) await submit(concurrent);
      const page = await list('?limit=1');
      expect(page.status).toBe(200);
      const next = await list(`?limit=1&cursor=${page.json!.nextCursor}`);
      expect(next.status).toBe(200);
      expect(next.json!.items.map((item: { id: string }) => item.id)).not.toContain(page.json!.items[0].id);
      const latest = await list(`?cursor=${cursorOf(['9999-12-31T23:59:59.999Z', SOME_ID])}`);
      expect(latest.status).toBe(200);
      expect(latest.json!.items).toHaveLength(3);
    });
  });

  describe('issue 8 item 6.2: NUL and control characters in query and path values', () => {
    it.each([
      ['a NUL tenant id', '?tenantId=%00'],
      ['a tenant id ending in NUL', '?tenantId=league%00'],
      ['a right-to-left override in the tenant id', '?tenantId=%E2%80%AEeugael'],
      ['a NUL status', '?status=%00'],
      ['a status ending in NUL', '?status=approved%00'],
      ['a NUL limit', '?limit=%00'],
    ])('issue 8 item 6.2: a list query with %s answers 400 invalid_input', async (_name, query) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(response.json!.error.code).toBe('invalid_input');
    });

    it.each(['\u0000', `${SOME_ID}\u0000`, '\u0000'.repeat(36), '\u202e', '%00'])(
      'issue 8 item 6.2: a request id %j in the path reads as no such request (404) on every request route',
      async (id) => {
        const rep = `Bearer ${(await createApiToken(ctx, await ctx.callerFor(REP), { name: 'tests', expiresInDays: 30 })).token}`;
        const attempts = [
          call(requestRoute.GET, 'GET', '/x', { authorization: percy, params: { id } }),
          call(informationRoute.POST, 'POST', '/x', { authorization: percy, params: { id }, body: { justification: 'y' } }),
          call(cancelRoute.POST, 'POST', '/x', { authorization: percy, params: { id }, body: {} }),
          call(decisionRoute.POST, 'POST', '/x', { authorization: rep, params: { id }, body: { decision: 'approve', comment: 'ok' } }),
        ];
        for (const response of await Promise.all(attempts)) {
          expect(response.status).toBe(404);
          expect(response.json!.error.code).toBe('not_found');
        }
      },
    );
  });

  describe('issue 8 item 6.3: invisible and direction-changing characters', () => {
    it('issue 8 item 6.3: a reason with U+202E (right-to-left override) answers 400 and changes nothing', async () => {
      const [before] = await database.db.select().from(tenants).where(eq(tenants.id, 'classics'));
      const auditBefore = await database.db.select().from(auditEvents);
      const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
        authorization: percy,
        body: { tenantId: 'classics', changes: { concurrent: 210 }, reason: 'Drive \u202e001 → 0001' },
      });
      expect(response.status).toBe(400);
      expect(response.json!.error.code).toBe('invalid_input');
      expect(response.json!.error.message).toContain('U+202E');
      expect(await database.db.select().from(changeRequests)).toEqual([]);
      expect(await database.db.select().from(auditEvents)).toEqual(auditBefore);
      expect((await database.db.select().from(tenants).where(eq(tenants.id, 'classics')))[0]).toEqual(before);
    });
  });
});
