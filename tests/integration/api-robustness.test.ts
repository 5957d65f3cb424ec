import { describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import * as readRoute from '@/app/api/v1/notifications/read/route';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { PERCY, REP, freshDatabaseEachTest } from '../support/use-case-context';
import type { TestContext } from '../support/use-case-context';

/** Bodies a careless or hostile client might send; none of them may ever be a 500. */
const ODD_BODIES: unknown[] = [
  null,
  [],
  'a string',
  42,
  true,
  {},
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": 1}, "tenantId": "league"}'),
  { tenantId: null, changes: null, reason: null },
  { tenantId: 'league', changes: [], reason: 'x' },
  { tenantId: 'league', changes: { concurrent: null }, reason: 'x' },
  { tenantId: 'league', changes: { concurrent: 1e308 }, reason: 'x' },
  { tenantId: 'league', changes: { concurrent: -0 }, reason: 'x' },
  { tenantId: 'league', changes: { concurrent: Number.MAX_SAFE_INTEGER + 2 }, reason: 'x' },
  { tenantId: 'league', changes: { concurrent: 200 }, reason: 'x'.repeat(100_000) },
  { tenantId: 'league', changes: { concurrent: 200 }, reason: '\u0000\u202e' },
  { tenantId: 'league'.repeat(10_000), changes: { concurrent: 200 }, reason: 'x' },
  { tenantId: "league' or 1=1 --", changes: { concurrent: 200 }, reason: 'x' },
  { tenantId: 'league', changes: { concurrent: 200 }, reason: 'x', revertAt: '2026-02-30T00:00:00Z' },
  { tenantId: 'league', changes: { concurrent: 200 }, reason: 'x', revertAt: '9999-12-31T23:59:59Z' },
  { tenantId: 'league', changes: { concurrent: 200 }, reason: 'x', expected: { concurrent: 'abc' } },
  { justification: { nested: true } },
  { decision: 'approve', comment: 12 },
  { ids: [1.5] },
  { ids: Array.from({ length: 1000 }, (_, i) => i + 1) },
];
function onClassics(options: { body?: unknown }): object {
  const body = options.body as { tenantId?: unknown; changes?: { concurrent?: unknown } } | null;
  if (!body || typeof body !== 'object' || body.tenantId !== 'league') return options;
  const changes = body.changes?.concurrent === 200 ? { ...body.changes, concurrent: 210 } : body.changes;
  return { ...options, body: { ...body, tenantId: 'classics', changes } };
}

const RAW_BODIES = ['', '{', 'null', '[1,2', '\u0000', '{"a":'.repeat(500)];

describe('the API never answers 500 to a client’s mistake (SPEC: never a 500 for a user’s mistake)', () => {
  let ctx: TestContext;
  let inReview: string;

  freshDatabaseEachTest('pglite', async (_database, fresh) => {
    ctx = fresh;
    installAppContext(ctx);
    inReview = (
      await submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'x', justification: 'y' }))
    ).id;
  });

  const endpoints = () => [
    // Classics has no open request, so a body that passes the schema reaches the rules and the database.
    { name: 'POST /requests', as: PERCY, send: (options: object) => call(requestsRoute.POST, 'POST', '/x', onClassics(options)) },
    { name: 'POST information', as: PERCY, send: (options: object) => call(informationRoute.POST, 'POST', '/x', { ...options, params: { id: inReview } }) },
    { name: 'POST decision', as: REP, send: (options: object) => call(decisionRoute.POST, 'POST', '/x', { ...options, params: { id: inReview } }) },
    { name: 'POST notifications/read', as: PERCY, send: (options: object) => call(readRoute.POST, 'POST', '/x', options) },
  ];

  it(`answers ${ODD_BODIES.length + RAW_BODIES.length} odd bodies on each mutating endpoint with a 4xx in the one error shape`, async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints()) {
      const attempts = [...ODD_BODIES.map((body) => ({ body })), ...RAW_BODIES.map((rawBody) => ({ rawBody }))];
      for (const attempt of attempts) {
        const response = await endpoint.send({ as: endpoint.as, ...attempt });
        const label = `${endpoint.name} ${JSON.stringify(attempt).slice(0, 80)}`;
        if (response.status >= 500) failures.push(`${label}: ${response.status}`);
        else if (response.status >= 400 && typeof response.json?.error?.message !== 'string') failures.push(`${label}: no error shape`);
      }
    }
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a NUL tenant id', '?tenantId=%00'],
    ['a 5,000-character tenant id', `?tenantId=${'x'.repeat(5000)}`],
    ['a NUL status', '?status=%00'],
    ['a limit of 1e400', '?limit=1e400'],
    ['a negative limit', '?limit=-1'],
  ])('answers a list query with %s with 400, not 500', async (_name, query) => {
    const response = await call(requestsRoute.GET, 'GET', `/api/v1/requests${query}`, { as: PERCY });
    expect(response.status).toBe(400);
    expect(response.json!.error.code).toBe('invalid_input');
  });

  it.each([
    ['a NUL cursor', '?cursor=%00'],
    ['a 10,000-character cursor', `?cursor=${'A'.repeat(10_000)}`],
  ])('answers a list query with %s with 400 invalid_cursor, not 500', async (_name, query) => {
    const response = await call(requestsRoute.GET, 'GET', `/api/v1/requests${query}`, { as: PERCY });
    expect(response.status).toBe(400);
    expect(response.json!.error.code).toBe('invalid_cursor');
  });
});
