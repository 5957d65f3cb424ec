// Scenario 6: 1,000 generated bodies per mutating endpoint (fast-check): arbitrary JSON, text that
// is not JSON, and near-valid bodies (valid ones with one thing or more off). Only 4xx, never a 5xx,
// and the database unchanged.
//
// In-process, against the route handlers themselves (as tests/integration/api-robustness.test.ts
// does), not over HTTP: the handlers and their wrapper (lib/http/api-route.ts) are exactly what the
// built app runs, and nothing between the socket and the handler reads the body (proxy.ts skips
// /api/). In-process, 5,000 bodies take seconds instead of minutes of cookie decryption and HTTP on
// two cores, a failure shrinks to the smallest body that causes it, and the database can be compared
// byte for byte before and after because nothing else touches it.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/v1/requests/[id]/cancel/route';
import * as decisionRoute from '@/app/api/v1/requests/[id]/decision/route';
import * as informationRoute from '@/app/api/v1/requests/[id]/information/route';
import * as readRoute from '@/app/api/v1/notifications/read/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import { evaluateChange } from '@/lib/domain/rules';
import { markNotificationsRead } from '@/lib/notifications/inbox';
import { submitRequest } from '@/lib/requests/submit-request';
import { addInformationSchema, createRequestSchema, decisionSchema, namesSeveralTenants } from '@/lib/validation/request';
import { call, installAppContext, sessionCookieFor } from '../support/api';
import { markdownTable, report, tally } from '../support/reliability-report';
import { describeReliability } from '../support/reliability-gate';
import { type Backend, type TestDatabase, createTestDatabase } from '../support/test-db';
import { ATHOS, PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';

const SCENARIO = 'api-fuzz';
const RUNS = 1_000;
/** On the real server when there is one (.ci/run), as the other scenarios; PGlite otherwise. */
const BACKEND: Backend = process.env.SSPM_TEST_POSTGRES_URL ? 'postgres' : 'pglite';

type Body = { json: unknown } | { raw: string };
type Input = [Body, string];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route handler, whatever its params
type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;
type Endpoint = {
  name: string;
  handler: Handler;
  cookie: string;
  /** A body, and the request id of the path (blank where the path has none). */
  input: fc.Arbitrary<Input>;
  /** Whether this input would rightly change the database (a valid one): such inputs are not sent. */
  changes: (input: Input) => boolean;
  /** A valid body is answered 200 without changing anything. */
  validIsOk?: boolean;
};

// What a client might put where text is expected: plausible text, the characters the API refuses,
// the wrong types, and too much of it.
const textish = fc.oneof(
  { arbitrary: fc.string({ maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'nul\u0000byte',
      'rtl\u202eoverride',
      'zero\u200bwidth',
      'next\u0085line',
      '\ufeffbom',
      'lone \ud800 surrogate',
      'emoji 😀',
      "quote ' \" \\ --",
      'x'.repeat(1_001),
      'y'.repeat(4_001),
    ),
    weight: 3,
  },
  { arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }), fc.object({ maxDepth: 1 })), weight: 1 },
);

const portValue = fc.oneof(
  { arbitrary: fc.integer({ min: -5, max: 10_005 }), weight: 4 },
  { arbitrary: fc.constantFrom(0, 9_999, 10_000, -1, 1e308, -0, 0.5, 2 ** 53 + 2, 1e-7, 200, 210, 100, 50), weight: 3 },
  { arbitrary: fc.oneof(fc.double(), fc.string({ maxLength: 5 }), fc.constant(null), fc.boolean(), fc.constant('200')), weight: 1 },
);

/** Anything at all where a field's value should be. */
const oddValue = fc.oneof(textish, portValue, fc.jsonValue({ maxDepth: 2 }));

/** Text the API accepts. */
const plainText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'!?-]{0,39}$/);

type Mutation = { op: 'set'; path: string[]; value: unknown } | { op: 'delete'; path: string[] };

/** One thing off: a field set to an odd value or left out, or a key that does not belong (prototype tricks among them). */
const mutation = (paths: string[][]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...paths), value: oddValue }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...paths) }), weight: 2 },
    {
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        path: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'tenantIds', 'id', 'status')).map((key) => [key]),
        value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant({ polluted: true })),
      }),
      weight: 1,
    },
  );

function mutate(body: unknown, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(body);
  for (const change of mutations) {
    if (root === null || typeof root !== 'object') root = {};
    let parent = root as Record<string, unknown>;
    for (const key of change.path.slice(0, -1)) {
      if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = {};
      parent = parent[key] as Record<string, unknown>;
    }
    const last = change.path.at(-1)!;
    if (change.op === 'delete') delete parent[last];
    // An own property even for "__proto__", as JSON.parse makes it.
    else Object.defineProperty(parent, last, { value: change.value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/** Valid bodies with up to three things off (none: the valid body itself). */
function nearValid(valid: fc.Arbitrary<unknown>, paths: string[][]): fc.Arbitrary<Body> {
  return fc.tuple(valid, fc.array(mutation(paths), { maxLength: 3 })).map(([body, mutations]) => ({ json: mutate(body, mutations) }));
}

const port = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 9_999, 10_000, -1, 200, 210, 100, 50, 40));
const ports = fc.record({ concurrent: port, outbound: port, agentless: port }, { requiredKeys: [] });

const validRequest = fc
  .tuple(
    fc.record({ tenantId: fc.constantFrom('classics', 'league', 'blakeney', 'musketeers', 'gascony', 'nope'), changes: ports, reason: plainText }),
    fc.record(
      {
        justification: plainText,
        expected: ports,
        revertAt: fc.date({ min: new Date('2026-11-20T00:00:00Z'), max: new Date('2027-03-30T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([required, optional]) => ({ ...required, ...optional }));
const REQUEST_PATHS = [['tenantId'], ['changes'], ['changes', 'concurrent'], ['changes', 'outbound'], ['changes', 'agentless'], ['reason'], ['justification'], ['revertAt'], ['expected'], ['expected', 'concurrent']];

/** Every body a careless or hostile client could send, weighted towards those close to valid. */
const anyBody = (near: fc.Arbitrary<Body>): fc.Arbitrary<Body> =>
  fc.oneof(
    { arbitrary: near, weight: 11 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })), weight: 7 },
    { arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '{', '[1,2', '{"a":', 'nul', '\u0000', '{"tenantId": "league",}', '{"a":'.repeat(300))).map((raw) => ({ raw })), weight: 2 },
  );

const jsonOf = (body: Body): unknown => ('json' in body ? JSON.parse(JSON.stringify(body.json) ?? 'null') : undefined);

describeReliability(`${RUNS} generated bodies per mutating endpoint of the API (in-process, ${BACKEND})`, () => {
  let database: TestDatabase;
  let ctx: TestContext;
  const ids = { inReview: '', pendingInfo: '', approved: '', othersApproved: '' };
  const cookies = { percy: '', rep: '' };
  let before: Map<string, string>;
  const outcomes: Record<string, { statuses: (number | string)[]; objects: number; ms: number }> = {};

  beforeAll(async () => {
    database = await createTestDatabase(BACKEND);
    ctx = createTestContext(database);
    installAppContext(ctx);
    const percy = await ctx.callerFor(PERCY);
    const parse = (body: unknown) => createRequestSchema.parse(body);
    ids.inReview = (await submitRequest(ctx, percy, parse({ tenantId: 'league', changes: { concurrent: 400 }, reason: 'Fuzz', justification: 'Peak' }))).id;
    ids.pendingInfo = (await submitRequest(ctx, percy, parse({ tenantId: 'blakeney', changes: { concurrent: 200 }, reason: 'Fuzz' }))).id;
    ids.approved = (await submitRequest(ctx, percy, parse({ tenantId: 'classics', changes: { concurrent: 210 }, reason: 'Fuzz' }))).id;
    ids.othersApproved = (await submitRequest(ctx, await ctx.callerFor(ATHOS), parse({ tenantId: 'musketeers', changes: { concurrent: 310 }, reason: 'Fuzz' }))).id;
    await markNotificationsRead(ctx, percy, 'all');
    // One session each, made before the snapshot: the calls themselves must add nothing.
    cookies.percy = await sessionCookieFor(PERCY);
    cookies.rep = await sessionCookieFor(REP);
    before = await snapshot(database);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** Classics is the one tenant in Percy's tree without an open request: a valid body there would be a 201. */
  const wouldCreate = (body: Body): boolean => {
    const json = jsonOf(body);
    if (namesSeveralTenants(json)) return false;
    const parsed = createRequestSchema.safeParse(json);
    if (!parsed.success || parsed.data.tenantId !== 'classics') return false;
    const classics = { monitoringGatewayEnabled: true, personalConnectionEnabled: true, limits: { concurrent: 210, outbound: 100, agentless: 50 } };
    return evaluateChange({ tenant: classics, requested: parsed.data.changes, expected: parsed.data.expected, revertAt: parsed.data.revertAt, now: ctx.clock() }).ok;
  };

  const requestId = () =>
    fc.oneof(
      { arbitrary: fc.constantFrom(ids.inReview, ids.pendingInfo, ids.approved, ids.othersApproved), weight: 8 },
      { arbitrary: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('%00', 'null', '../requests', ids.inReview.toUpperCase(), `${ids.inReview} `)), weight: 2 },
    );

  const endpoints = (): Endpoint[] => [
    {
      name: 'POST /api/v1/requests',
      handler: requestsRoute.POST as Handler,
      cookie: cookies.percy,
      input: fc.tuple(anyBody(nearValid(validRequest, REQUEST_PATHS)), fc.constant('')),
      // Valid bodies are left out: each would be a 201 and a new request.
      changes: ([body]) => wouldCreate(body),
    },
    {
      name: 'POST /api/v1/requests/{id}/information',
      handler: informationRoute.POST as Handler,
      cookie: cookies.percy,
      input: fc.tuple(anyBody(nearValid(fc.record({ justification: plainText }), [['justification']])), requestId()),
      changes: ([body, id]) => id.toLowerCase() === ids.pendingInfo && addInformationSchema.safeParse(jsonOf(body)).success,
    },
    {
      name: 'POST /api/v1/requests/{id}/cancel',
      handler: cancelRoute.POST as Handler,
      cookie: cookies.percy,
      input: fc.tuple(anyBody(nearValid(fc.record({ reason: plainText }, { requiredKeys: [] }), [['reason']])), requestId()),
      // Cancel reads no body: on Percy's own open requests any body cancels them (ids are case-insensitive).
      changes: ([, id]) => [ids.inReview, ids.pendingInfo].includes(id.toLowerCase()),
    },
    {
      name: 'POST /api/v1/requests/{id}/decision',
      handler: decisionRoute.POST as Handler,
      cookie: cookies.rep,
      input: fc.tuple(
        anyBody(nearValid(fc.record({ decision: fc.constantFrom('approve', 'reject'), comment: plainText }, { requiredKeys: ['decision'] }), [['decision'], ['comment']])),
        requestId(),
      ),
      changes: ([body, id]) => {
        if (id.toLowerCase() !== ids.inReview) return false;
        const parsed = decisionSchema.safeParse(jsonOf(body));
        return parsed.success && !(parsed.data.decision === 'reject' && !parsed.data.comment);
      },
    },
    {
      name: 'POST /api/v1/notifications/read',
      handler: readRoute.POST as Handler,
      cookie: cookies.percy,
      input: fc.tuple(
        anyBody(
          nearValid(
            fc.record({ ids: fc.oneof(fc.constant('all'), fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }), fc.array(fc.nat(), { minLength: 101, maxLength: 120 })) }),
            [['ids'], ['ids', '0'], ['ids', '1']],
          ),
        ),
        fc.constant(''),
      ),
      // Valid bodies are allowed here: everything of Percy's is already read, so they change nothing (200).
      changes: () => false,
      validIsOk: true,
    },
  ];

  it('answers every generated body on each mutating endpoint with a 4xx in the one error shape (never a 5xx), and leaves the database as it was', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints()) {
      const statuses: (number | string)[] = [];
      let objects = 0;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(endpoint.input.filter((input) => !endpoint.changes(input)), async ([body, id]) => {
          if ('json' in body && typeof body.json === 'object' && body.json !== null) objects += 1;
          let answer: Awaited<ReturnType<typeof call>>;
          try {
            answer = await call(endpoint.handler, 'POST', '/x', {
              cookie: endpoint.cookie,
              ...('json' in body ? { rawBody: JSON.stringify(body.json) ?? 'null' } : { rawBody: body.raw }),
              params: { id },
            });
          } catch (error) {
            statuses.push('threw');
            throw error;
          }
          statuses.push(answer.status);
          const fine = answer.status >= 400 && answer.status < 500 && typeof answer.json?.error?.code === 'string' && typeof answer.json?.error?.message === 'string';
          const validAndHarmless = endpoint.validIsOk === true && answer.status === 200;
          if (!fine && !validAndHarmless) throw new Error(`${answer.status} ${JSON.stringify(answer.json).slice(0, 300)}`);
        }),
        { numRuns: RUNS, endOnFailure: false },
      ).catch((error: Error) => failures.push(`${endpoint.name}: ${error.message.split('\n').slice(0, 8).join('\n')}`));
      outcomes[endpoint.name] = { statuses, objects, ms: Math.round(performance.now() - started) };
    }
    const after = await snapshot(database);
    const changedTables = [...after].filter(([table, digest]) => before.get(table) !== digest).map(([table]) => table);
    const rows = Object.entries(outcomes).map(([endpoint, outcome]) => ({
      endpoint,
      bodies: outcome.statuses.length,
      objects: outcome.objects,
      statuses: JSON.stringify(tally(outcome.statuses)),
      seconds: outcome.ms / 1000,
    }));
    report(SCENARIO, 'generated bodies', { backend: BACKEND, runs: RUNS, outcomes: Object.fromEntries(rows.map((row) => [row.endpoint, row])), changedTables, failures }, `${markdownTable(rows)}\n\ntables changed: ${changedTables.length ? changedTables.join(', ') : 'none'}`);
    expect(failures).toEqual([]);
    expect(changedTables).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Every table of the app's schema, as a row count and a digest of its rows. */
async function snapshot(database: TestDatabase): Promise<Map<string, string>> {
  const { sql } = await import('drizzle-orm');
  const tables = (await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { rows: { tablename: string }[] };
  const digests = new Map<string, string>();
  for (const { tablename } of tables.rows) {
    const result = (await database.db.execute(
      sql.raw(`select count(*)::text as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${tablename}" t`),
    )) as unknown as { rows: { n: string; digest: string }[] };
    digests.set(tablename, `${result.rows[0]?.n} ${result.rows[0]?.digest}`);
  }
  return digests;
}
