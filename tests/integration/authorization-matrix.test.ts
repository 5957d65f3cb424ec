import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as requestRoute from '@/app/api/v1/requests/[id]/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as cancelRoute from '@/app/api/v1/requests/[id]/cancel/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import { changeRequests } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { type Json, call, installAppContext } from '../support/api';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

/**
 * SPEC §3 as one table: every route handler × every kind of caller × every kind of target, with the
 * answer expected. Column order: anonymous, Classics viewer, Classics requester, Musketeers
 * requester, account rep, network ops, then the API tokens of the viewer, the two requesters and the rep.
 * Targets: Classics' own tenant and its customer League; Musketeers' own tenant and its customer
 * Gascony (Monitoring Gateway off); and one open request on each of them.
 */
const CALLERS = ['anon', 'viewer', 'percy', 'athos', 'rep', 'netops', 'tok:viewer', 'tok:percy', 'tok:athos', 'tok:rep'] as const;
type CallerKey = (typeof CALLERS)[number];

// prettier-ignore
const MATRIX: [route: string, target: string, ...expected: number[]][] = [
  //                                          anon viewer percy athos rep netops | tok: viewer percy athos rep
  ['GET /tenants',                  '-',          401, 200, 200, 200, 200, 403,   200, 200, 200, 200],
  ['GET /requests?tenantId',        'classics',   401, 200, 200, 200, 200, 403,   200, 200, 200, 200],
  ['GET /requests?tenantId',        'league',     401, 200, 200, 200, 200, 403,   200, 200, 200, 200],
  ['GET /requests?tenantId',        'musketeers', 401, 200, 200, 200, 200, 403,   200, 200, 200, 200],
  ['GET /requests?tenantId',        'gascony',    401, 200, 200, 200, 200, 403,   200, 200, 200, 200],
  ['GET /requests/{id}',            'classics',   401, 200, 200, 404, 200, 403,   200, 200, 404, 200],
  ['GET /requests/{id}',            'league',     401, 200, 200, 404, 200, 403,   200, 200, 404, 200],
  ['GET /requests/{id}',            'musketeers', 401, 404, 404, 200, 200, 403,   404, 404, 200, 200],
  ['GET /requests/{id}',            'gascony',    401, 404, 404, 200, 200, 403,   404, 404, 200, 200],
  ['GET /requests/{id}',            'unknown',    401, 404, 404, 404, 404, 403,   404, 404, 404, 404],
  ['POST /requests',                'blakeney',   401, 403, 201, 404, 403, 403,   403, 201, 404, 403],
  ['POST /requests',                'classics',   401, 403, 409, 404, 403, 403,   403, 409, 404, 403],
  ['POST /requests',                'musketeers', 401, 403, 404, 409, 403, 403,   403, 404, 409, 403],
  ['POST /requests',                'gascony',    401, 403, 404, 409, 403, 403,   403, 404, 409, 403],
  ['POST /requests/{id}/information', 'league',   401, 403, 200, 404, 403, 403,   403, 200, 404, 403],
  ['POST /requests/{id}/information', 'musketeers', 401, 403, 404, 200, 403, 403, 403, 404, 200, 403],
  ['POST /requests/{id}/cancel',    'classics',   401, 403, 200, 404, 403, 403,   403, 200, 404, 403],
  ['POST /requests/{id}/cancel',    'league',     401, 403, 200, 404, 403, 403,   403, 200, 404, 403],
  ['POST /requests/{id}/cancel',    'musketeers', 401, 403, 404, 200, 403, 403,   403, 404, 200, 403],
  ['POST /requests/{id}/cancel',    'gascony',    401, 403, 404, 200, 403, 403,   403, 404, 200, 403],
  ['POST /requests/{id}/decision',  'classics',   401, 403, 403, 403, 200, 403,   403, 403, 403, 200],
  ['POST /requests/{id}/decision',  'gascony',    401, 403, 403, 403, 422, 403,   403, 403, 403, 422],
];

/** Which tenants each caller may see; every answer is checked to mention no other. */
const VISIBLE: Record<CallerKey, string[]> = {
  anon: [],
  viewer: ['classics', 'league', 'blakeney'],
  percy: ['classics', 'league', 'blakeney'],
  athos: ['musketeers', 'gascony'],
  rep: ['classics', 'league', 'blakeney', 'musketeers', 'gascony'],
  netops: [],
  'tok:viewer': ['classics', 'league', 'blakeney'],
  'tok:percy': ['classics', 'league', 'blakeney'],
  'tok:athos': ['musketeers', 'gascony'],
  'tok:rep': ['classics', 'league', 'blakeney', 'musketeers', 'gascony'],
};
const ALL_TENANTS = ['classics', 'league', 'blakeney', 'musketeers', 'gascony'];
const EMAILS: Record<string, string> = { viewer: MARGUERITE, percy: PERCY, athos: ATHOS, rep: REP, netops: NETOPS };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(BACKENDS)('authorization matrix on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let requestIds: Record<string, string>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await database.dispose();
  });

  /** The fixtures: an open request on each of the four tenants, and a token for each token holder. */
  async function freshWorld(): Promise<void> {
    await resetTestDatabase(database);
    ctx = createTestContext(database);
    installAppContext(ctx);
    const submit = async (email: string, tenantId: string, concurrent: number, justification?: string) =>
      (await submitRequest(ctx, await ctx.callerFor(email), createRequestSchema.parse({ tenantId, changes: { concurrent }, reason: 'Matrix', justification }))).id;
    const [gascony] = await database.db
      .insert(changeRequests)
      .values({ tenantId: 'gascony', status: 'in_review', changes: { concurrent: { from: 40, to: 400 } }, concurrentDelta: 360, reason: 'Matrix', requestedBy: ATHOS })
      .returning({ id: changeRequests.id });
    requestIds = {
      classics: await submit(PERCY, 'classics', 500, 'Seasonal peak'),
      league: await submit(PERCY, 'league', 500),
      musketeers: await submit(ATHOS, 'musketeers', 900),
      gascony: gascony!.id,
      unknown: UNKNOWN_ID,
    };
    tokens = {};
    for (const holder of ['viewer', 'percy', 'athos', 'rep']) {
      tokens[`tok:${holder}`] = (await createApiToken(ctx, await ctx.callerFor(EMAILS[holder]!), { name: 'matrix', expiresInDays: 7 })).token;
    }
  }

  async function send(route: string, target: string, caller: CallerKey) {
    const auth = caller === 'anon' ? {} : caller.startsWith('tok:') ? { authorization: `Bearer ${tokens[caller]}` } : { as: EMAILS[caller] };
    const id = requestIds[target] ?? UNKNOWN_ID;
    const onId = { ...auth, params: { id } };
    switch (route) {
      case 'GET /tenants':
        return call(tenantsRoute.GET, 'GET', '/api/v1/tenants', auth);
      case 'GET /requests?tenantId':
        return call(requestsRoute.GET, 'GET', `/api/v1/requests?tenantId=${target}`, auth);
      case 'GET /requests/{id}':
        return call(requestRoute.GET, 'GET', `/api/v1/requests/${id}`, onId);
      case 'POST /requests':
        return call(requestsRoute.POST, 'POST', '/api/v1/requests', { ...auth, body: { tenantId: target, changes: { concurrent: 45 }, reason: 'Matrix' } });
      case 'POST /requests/{id}/information':
        return call(informationRoute.POST, 'POST', '/x', { ...onId, body: { justification: 'Matrix' } });
      case 'POST /requests/{id}/cancel':
        return call(cancelRoute.POST, 'POST', '/x', onId);
      case 'POST /requests/{id}/decision':
        return call(decisionRoute.POST, 'POST', '/x', { ...onId, body: { decision: 'approve', comment: 'Matrix' } });
      default:
        throw new Error(`no such route in the matrix: ${route}`);
    }
  }

  function tenantIdsIn(json: Json | null): string[] {
    const text = JSON.stringify(json ?? {});
    return ALL_TENANTS.filter((tenant) => text.includes(`"${tenant}"`));
  }

  const rows = MATRIX.flatMap(([route, target, ...expected]) =>
    CALLERS.map((caller, column) => ({ route, target, caller, status: expected[column]! })),
  );

  it('has one expectation per caller in every row', () => {
    for (const [route, target, ...expected] of MATRIX) expect([route, target, expected.length]).toEqual([route, target, CALLERS.length]);
  });

  it(`answers all ${MATRIX.length * CALLERS.length} rows as SPEC §3 says, and leaks no tenant to a caller outside it`, async () => {
    const failures: string[] = [];
    let world = '';
    for (const row of rows) {
      const mutates = row.route.startsWith('POST');
      if (mutates || world !== 'fresh') {
        await freshWorld();
        world = mutates ? 'used' : 'fresh';
      }
      const response = await send(row.route, row.target, row.caller);
      const label = `${row.route} ${row.target} as ${row.caller}`;
      if (response.status !== row.status) failures.push(`${label}: expected ${row.status}, got ${response.status} ${JSON.stringify(response.json)}`);
      const leaked = tenantIdsIn(response.json).filter((tenant) => !VISIBLE[row.caller].includes(tenant));
      if (leaked.length > 0) failures.push(`${label}: leaked ${leaked.join(', ')}`);
      if (response.status >= 400 && Object.keys(response.json ?? {}).join() !== 'error') failures.push(`${label}: not the error shape`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
