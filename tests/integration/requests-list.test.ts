import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as csvRoute from '@/app/api/v1/requests.csv/route';
import * as requestsRoute from '@/app/api/v1/requests/route';
import { changeRequests } from '@/db/schema';
import { REQUEST_STATUSES } from '@/lib/domain/lifecycle';
import { REQUEST_SORTS, type RequestSort, parseRequestSort } from '@/lib/domain/request-list';
import { EXPORT_BATCH_SIZE } from '@/lib/requests/export-requests';
import { TOTAL_COUNTED_UP_TO } from '@/lib/requests/read-requests';
import { APP_ORIGIN, type Json, call, installAppContext, sessionCookieFor } from '../support/api';
import { parseCsv } from '../support/csv';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { ATHOS, NETOPS, PERCY, REP, createTestContext } from '../support/use-case-context';

const MARGUERITE = 'marguerite@classics.example';
const TENANT_NAMES: Record<string, string> = {
  classics: 'Classics, Inc.',
  league: 'The League of the Scarlet Pimpernel',
  blakeney: 'Blakeney Shipping',
  musketeers: 'Musketeers Ltd',
};

/**
 * The list's fixtures, written as rows (each with its own creation time, case and requester). Percy's
 * tree is classics, league and blakeney; r6 is the Musketeers', which Percy never sees.
 */
const FIXTURES = [
  {
    key: 'r1', tenantId: 'league', status: 'approved', reason: 'Membership drive', requestedBy: PERCY, caseNumber: '00001001',
    createdAt: '2026-11-01T02:30:00.000Z', updatedAt: '2026-11-01T02:30:00.000Z', decidedBy: 'auto', decidedAt: '2026-11-01T02:30:00.000Z',
    revertAt: '2026-12-03T12:00:00.000Z', changes: { concurrent: { from: 150, to: 200 }, outbound: { from: 80, to: 100 } },
  },
  {
    key: 'r2', tenantId: 'blakeney', status: 'rejected', reason: '=HYPERLINK("http://evil.example","click")', requestedBy: MARGUERITE,
    caseNumber: '00001002', createdAt: '2026-11-01T12:00:00.000Z', updatedAt: '2026-11-05T09:00:00.000Z', decidedBy: REP,
    decidedAt: '2026-11-05T09:00:00.000Z', decisionComment: '+1 from ops, "no"', changes: { concurrent: { from: 50, to: 900 } },
  },
  {
    key: 'r3', tenantId: 'classics', status: 'cancelled', reason: '@SUM(A1) -2+3', requestedBy: PERCY, caseNumber: null,
    createdAt: '2026-11-10T15:00:00.000Z', updatedAt: '2026-11-10T16:00:00.000Z', changes: { concurrent: { from: 200, to: 150 } },
  },
  {
    key: 'r4', tenantId: 'league', status: 'reverted', reason: 'Campanha de associação — “Liga”, fase 2\nsegunda linha', requestedBy: PERCY,
    caseNumber: '00001004', createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-25T10:00:00.000Z', decidedBy: REP,
    decidedAt: '2026-11-21T10:00:00.000Z', revertAt: '2026-11-25T10:00:00.000Z', changes: { concurrent: { from: 150, to: 400 } },
  },
  {
    key: 'r5', tenantId: 'league', status: 'in_review', reason: '-5 ports\tfor 100% of agents_x', requestedBy: PERCY, caseNumber: '00001005',
    createdAt: '2026-11-25T23:59:59.999Z', updatedAt: '2026-11-26T08:00:00.000Z', changes: { agentless: { from: 40, to: 45 } },
  },
  {
    key: 'r6', tenantId: 'musketeers', status: 'approved', reason: 'Membership drive for Musketeers', requestedBy: ATHOS, caseNumber: '00001006',
    createdAt: '2026-11-15T10:00:00.000Z', updatedAt: '2026-11-15T10:00:00.000Z', decidedBy: 'auto', decidedAt: '2026-11-15T10:00:00.000Z',
    changes: { concurrent: { from: 300, to: 320 } },
  },
  {
    key: 'r7', tenantId: 'classics', status: 'approved', reason: '\rCarriage return first', requestedBy: 'ops-bot@classics.example',
    caseNumber: '00000999', createdAt: '2026-11-05T00:00:00.000Z', updatedAt: '2026-11-06T00:00:00.000Z', decidedBy: 'auto',
    decidedAt: '2026-11-05T00:00:00.000Z', changes: { concurrent: { from: 200, to: 210 } },
  },
] as const;
type Fixture = (typeof FIXTURES)[number];
type FixtureKey = Fixture['key'];
const PERCYS = FIXTURES.filter((row) => row.tenantId !== 'musketeers');

const date = (value: string | undefined | null) => (value ? new Date(value) : null);
const csvRecords = (text: string) => parseCsv(text.replace(/^\uFEFF/, ''));

describe.each(BACKENDS)('the requests list and its CSV export on %s', (backend) => {
  let database: TestDatabase;
  const ids = new Map<FixtureKey, string>();
  const keyOf = (id: string) => [...ids].find(([, value]) => value === id)?.[0];

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    installAppContext(createTestContext(database));
    ids.clear();
    for (const fixture of FIXTURES) {
      const [row] = await database.db
        .insert(changeRequests)
        .values({
          tenantId: fixture.tenantId,
          status: fixture.status,
          reason: fixture.reason,
          requestedBy: fixture.requestedBy,
          caseNumber: fixture.caseNumber,
          changes: fixture.changes,
          concurrentDelta: 'concurrent' in fixture.changes ? fixture.changes.concurrent.to - fixture.changes.concurrent.from : 0,
          createdAt: new Date(fixture.createdAt),
          updatedAt: new Date(fixture.updatedAt),
          decidedBy: 'decidedBy' in fixture ? fixture.decidedBy : null,
          decidedAt: date('decidedAt' in fixture ? fixture.decidedAt : null),
          decisionComment: 'decisionComment' in fixture ? fixture.decisionComment : null,
          revertAt: date('revertAt' in fixture ? fixture.revertAt : null),
        })
        .returning({ id: changeRequests.id });
      ids.set(fixture.key, row!.id);
    }
  });
  afterAll(async () => {
    await database.dispose();
  });

  const list = (as: string, query: string, options: { cookie?: string; headers?: Record<string, string> } = {}) =>
    call(requestsRoute.GET, 'GET', `/api/v1/requests${query}`, { as, ...options });
  const keys = (response: { json: Json | null }) => response.json!.items.map((item: { id: string }) => keyOf(item.id));

  function expectInvalid(response: { status: number; json: Json | null }, field: string, code = 'invalid_input') {
    expect(response.status).toBe(400);
    expect(response.json!.error.code).toBe(code);
    if (code === 'invalid_input') {
      expect(response.json!.error.issues[0].path).toEqual([field]);
      expect(response.json!.error.message).toContain(field);
    }
  }

  describe('GET /api/v1/requests: search (q) in the case number, the reason and the requester', () => {
    it.each([
      ['a word of the reason, whatever its case', 'MEMBERSHIP', ['r1']],
      ['a whole case number', '00001002', ['r2']],
      ['part of a case number', '1004', ['r4']],
      ['the requester’s e-mail', 'marguerite', ['r2']],
      ['accents and punctuation as typed', 'associação — “Liga”', ['r4']],
      ['"%" as itself, not as any text', '100%', ['r5']],
      ['"_" as itself, not as any character', '_', ['r5']],
    ])('finds %s', async (_name, q, expected) => {
      const response = await list(PERCY, `?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect(keys(response)).toEqual(expected);
      expect(response.json!.total).toBe(expected.length);
    });

    it('never finds another partner’s requests, which a rep sees', async () => {
      expect(keys(await list(PERCY, '?q=membership'))).toEqual(['r1']);
      expect(keys(await list(REP, '?q=membership'))).toEqual(['r6', 'r1']);
      expect(keys(await list(ATHOS, '?q=00001001'))).toEqual([]);
    });

    it('combines the search with the tenant and status filters', async () => {
      expect(keys(await list(PERCY, '?q=percy&tenantId=league&status=reverted'))).toEqual(['r4']);
    });
  });

  describe('GET /api/v1/requests: the creation-date range (from, to)', () => {
    it('reads days as whole days in the reader’s time zone, both included (UTC when none is known)', async () => {
      expect(keys(await list(PERCY, '?from=2026-11-01&to=2026-11-01'))).toEqual(['r2', 'r1']);
      // In São Paulo (UTC−3) r1, created at 02:30 UTC on 1 November, was made on 31 October.
      const inSaoPaulo = { cookie: `${await sessionCookieFor(PERCY)}; sspm-tz=America%2FSao_Paulo` };
      expect(keys(await list(PERCY, '?from=2026-11-01&to=2026-11-01', inSaoPaulo))).toEqual(['r2']);
      expect(keys(await list(PERCY, '?to=2026-10-31', inSaoPaulo))).toEqual(['r1']);
    });

    it('includes the last moment of the `to` day', async () => {
      expect(keys(await list(PERCY, '?from=2026-11-25&to=2026-11-25'))).toEqual(['r5']);
    });

    it('reads instants as they are, both ends included, whatever their offset', async () => {
      expect(keys(await list(PERCY, '?from=2026-11-10T15:00:00Z&to=2026-11-20T10:00:00.000Z'))).toEqual(['r4', 'r3']);
      expect(keys(await list(PERCY, `?from=${encodeURIComponent('2026-11-10T12:00:00-03:00')}&to=2026-11-10T15:00:00Z`))).toEqual(['r3']);
    });
  });

  describe('GET /api/v1/requests: the total and the sort orders', () => {
    it('answers the total that match, whatever the page', async () => {
      const first = await list(PERCY, '?limit=2');
      expect(first.json!.items).toHaveLength(2);
      expect(first.json!.total).toBe(PERCYS.length);
      const second = await list(PERCY, `?limit=2&cursor=${first.json!.nextCursor}`);
      expect(second.json!.total).toBe(PERCYS.length);
      expect((await list(PERCY, '?status=approved')).json!.total).toBe(2);
      expect(first.json!.totalExact).toBe(true);
      expect((await list(PERCY, '?q=nothing-like-this')).json).toEqual({ items: [], nextCursor: null, total: 0, totalExact: true });
    });

    it(`counts up to ${TOTAL_COUNTED_UP_TO.toLocaleString('en')} and says when there are more, so that a partner's whole history costs no full count per page`, async () => {
      await database.db.execute(sql`
        insert into change_requests (tenant_id, status, changes, reason, requested_by, created_at, updated_at)
        select 'blakeney', 'cancelled', '{}'::jsonb, 'Bulk ' || i, ${PERCY}, timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second',
               timestamptz '2026-01-01T00:00:00Z' + i * interval '1 second'
        from generate_series(1, ${TOTAL_COUNTED_UP_TO}) as i`);
      const many = await list(PERCY, '?limit=1');
      expect(many.json).toMatchObject({ total: TOTAL_COUNTED_UP_TO, totalExact: false });
      const few = await list(PERCY, '?limit=1&tenantId=league');
      expect(few.json).toMatchObject({ total: 3, totalExact: true });
    });

    /** The order each sort promises, ties broken by creation time and id in the same direction. */
    function expectedOrder(sort: RequestSort): FixtureKey[] {
      const { key, descending } = parseRequestSort(sort);
      const sortKey = (row: Fixture): string | number => {
        switch (key) {
          case 'created':
            return row.createdAt;
          case 'updated':
            return row.updatedAt;
          case 'status':
            return REQUEST_STATUSES.indexOf(row.status);
          case 'tenant':
            return TENANT_NAMES[row.tenantId]!;
          case 'case':
            return row.caseNumber ?? '';
          case 'requester':
            return row.requestedBy;
        }
      };
      const tuple = (row: Fixture) => [sortKey(row), row.createdAt, ids.get(row.key)!] as const;
      const compare = (a: Fixture, b: Fixture) => {
        const [x, y] = [tuple(a), tuple(b)];
        for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
        return 0;
      };
      const sorted = [...PERCYS].sort(compare);
      return (descending ? sorted.reverse() : sorted).map((row) => row.key);
    }

    it.each(REQUEST_SORTS)('sorts by %s, and its cursor pages through without gaps or repeats', async (sort) => {
      const whole = await list(PERCY, `?sort=${sort}&limit=100`);
      expect(keys(whole)).toEqual(expectedOrder(sort));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { json: Json | null } = await list(PERCY, `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...keys(page));
        cursor = page.json!.nextCursor;
      } while (cursor && seen.length < 50);
      expect(seen).toEqual(expectedOrder(sort));
    });

    it('sorts newest first when no sort is given', async () => {
      expect(keys(await list(PERCY, ''))).toEqual(expectedOrder('-created'));
    });

    it('refuses a cursor given out for another sort with invalid_cursor, rather than a page from the wrong place', async () => {
      const byTenant = await list(PERCY, '?sort=tenant&limit=1');
      expectInvalid(await list(PERCY, `?limit=1&cursor=${byTenant.json!.nextCursor}`), 'cursor', 'invalid_cursor');
      expectInvalid(await list(PERCY, `?sort=-tenant&limit=1&cursor=${byTenant.json!.nextCursor}`), 'cursor', 'invalid_cursor');
      const forged = Buffer.from(JSON.stringify(['tenant', 'x'.repeat(2000), '2026-11-01T00:00:00.000Z', ids.get('r1')])).toString('base64url');
      expectInvalid(await list(PERCY, `?sort=tenant&cursor=${forged}`), 'cursor', 'invalid_cursor');
      const badStatus = Buffer.from(JSON.stringify(['status', '9', '2026-11-01T00:00:00.000Z', ids.get('r1')])).toString('base64url');
      expectInvalid(await list(PERCY, `?sort=status&cursor=${badStatus}`), 'cursor', 'invalid_cursor');
    });
  });

  describe('GET /api/v1/requests: a bad value is a 400 invalid_input that names its field', () => {
    it.each([
      ['sort', '?sort=oldest'],
      ['sort', '?sort=created_at'],
      ['from', '?from=yesterday'],
      ['from', '?from=2026-11-26T10:00:00'],
      ['to', '?to=2026-02-30'],
      ['to', '?from=2026-11-26&to=2026-11-01'],
      ['q', `?q=${'x'.repeat(201)}`],
      ['q', '?q=%00'],
      ['limit', '?limit=0'],
    ])('names %s (%s)', async (field, query) => {
      expectInvalid(await list(PERCY, query), field);
    });
  });

  describe('GET /api/v1/requests.csv', () => {
    async function exportCsv(as: string | null, query = '', headers: Record<string, string> = {}) {
      const requestHeaders = new Headers(headers);
      if (as) requestHeaders.set('cookie', await sessionCookieFor(as));
      const response = await csvRoute.GET(new Request(new URL(`/api/v1/requests.csv${query}`, APP_ORIGIN), { headers: requestHeaders }), {
        params: Promise.resolve({}),
      });
      // As the bytes came: a plain response.text() would drop the byte-order mark.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      return { response, text };
    }

    it('answers a UTF-8 CSV attachment, never cached, with a header row and one row per request in scope', async () => {
      const { response, text } = await exportCsv(PERCY);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="requests-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = csvRecords(text);
      expect(header!.slice(0, 5)).toEqual(['Request id', 'Salesforce case', 'Tenant id', 'Tenant', 'Status']);
      expect(header).toContain('Concurrent ports: from');
      expect(rows.map((row) => keyOf(row[0]!))).toEqual(expectedNewestFirst(PERCYS));
    });

    function expectedNewestFirst(rows: readonly Fixture[]) {
      return [...rows].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((row) => row.key);
    }

    it('never holds another partner’s rows; a rep’s holds every partner’s', async () => {
      const percy = csvRecords((await exportCsv(PERCY)).text).slice(1);
      expect(percy.map((row) => row[2])).not.toContain('musketeers');
      const athos = csvRecords((await exportCsv(ATHOS)).text).slice(1);
      expect(athos.map((row) => keyOf(row[0]!))).toEqual(['r6']);
      const rep = csvRecords((await exportCsv(REP)).text).slice(1);
      expect(rep).toHaveLength(FIXTURES.length);
    });

    it('applies the list’s filters and sort: the same rows in the same order as the API', async () => {
      const query = '?q=percy&from=2026-11-01&to=2026-11-25&sort=tenant';
      const api = await list(PERCY, `${query}&limit=100`);
      const rows = csvRecords((await exportCsv(PERCY, query)).text).slice(1);
      expect(rows.map((row) => row[0])).toEqual(api.json!.items.map((item: { id: string }) => item.id));
      expect(rows.length).toBeGreaterThan(1);
    });

    it('neutralises every cell a spreadsheet would run as a formula, and quotes per RFC 4180', async () => {
      const { text } = await exportCsv(PERCY);
      const rows = csvRecords(text).slice(1);
      const reason = (key: FixtureKey) => rows.find((row) => row[0] === ids.get(key))![csvRecords(text)[0]!.indexOf('Reason')];
      expect(reason('r2')).toBe(`'=HYPERLINK("http://evil.example","click")`);
      expect(reason('r3')).toBe("'@SUM(A1) -2+3");
      expect(reason('r5')).toBe("'-5 ports\tfor 100% of agents_x");
      expect(reason('r7')).toBe("'\rCarriage return first");
      expect(reason('r4')).toBe('Campanha de associação — “Liga”, fase 2\nsegunda linha');
      const comment = rows.find((row) => row[0] === ids.get('r2'))!.at(-1);
      expect(comment).toBe(`'+1 from ops, "no"`);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    });

    it('writes values language-neutral: codes, ISO instants in UTC, plain numbers; only the header is in the reader’s language', async () => {
      for (const [language, headings] of [
        ['en', ['Request id', 'Salesforce case', 'Status', 'Created (UTC)', 'Concurrent ports: from', 'Temporary until (UTC)', 'Decided by']],
        ['pt-BR', ['Id da solicitação', 'Caso do Salesforce', 'Status', 'Criada em (UTC)', 'Portas simultâneas: de', 'Temporária até (UTC)', 'Decidida por']],
      ] as const) {
        const [header, ...rows] = csvRecords((await exportCsv(PERCY, '?q=00001001', { 'accept-language': language })).text);
        for (const heading of headings) expect(header, language).toContain(heading);
        const row = Object.fromEntries(header!.map((name, index) => [name, rows[0]![index]]));
        const en = language === 'en';
        expect(row[en ? 'Status' : 'Status']).toBe('approved');
        expect(row[en ? 'Created (UTC)' : 'Criada em (UTC)']).toBe('2026-11-01T02:30:00.000Z');
        expect(row[en ? 'Concurrent ports: from' : 'Portas simultâneas: de']).toBe('150');
        expect(row[en ? 'Concurrent ports: to' : 'Portas simultâneas: para']).toBe('200');
        expect(row[en ? 'Agentless ports: from' : 'Portas sem agente: de']).toBe('');
        expect(row[en ? 'Temporary until (UTC)' : 'Temporária até (UTC)']).toBe('2026-12-03T12:00:00.000Z');
        expect(row[en ? 'Decided by' : 'Decidida por']).toBe('auto');
        expect(row[en ? 'Tenant' : 'Inquilino']).toBe('The League of the Scarlet Pimpernel');
      }
    });

    it('refuses as the list does: 401 signed out, 403 without the view permission, 400 naming a bad filter', async () => {
      const signedOut = await exportCsv(null);
      expect(signedOut.response.status).toBe(401);
      expect(JSON.parse(signedOut.text).error.code).toBe('unauthenticated');
      const netops = await exportCsv(NETOPS);
      expect(netops.response.status).toBe(403);
      const bad = await exportCsv(PERCY, '?sort=sideways');
      expect(bad.response.status).toBe(400);
      expect(JSON.parse(bad.text).error.issues[0].path).toEqual(['sort']);
    });

    it('writes only the header row when nothing matches', async () => {
      const records = csvRecords((await exportCsv(PERCY, '?q=nothing-like-this')).text);
      expect(records).toHaveLength(1);
    });
  });

  describe('GET /api/v1/requests.csv streams: each batch is read when the reader asks for it', () => {
    it('writes the first batch before it queries the next, so a row added meanwhile at the end is still exported', async () => {
      const rows = EXPORT_BATCH_SIZE * 2 + 500;
      await database.db.execute(sql`
        insert into change_requests (tenant_id, status, changes, concurrent_delta, reason, requested_by, case_number, created_at, updated_at)
        select 'blakeney', 'cancelled', '{"concurrent":{"from":50,"to":60}}'::jsonb, 10, 'Bulk ' || i, ${PERCY}, lpad((100000 + i)::text, 8, '0'),
               timestamptz '2026-06-01T00:00:00Z' + i * interval '1 second', timestamptz '2026-06-01T00:00:00Z' + i * interval '1 second'
        from generate_series(1, ${rows}) as i`);
      const response = await csvRoute.GET(
        new Request(new URL('/api/v1/requests.csv?tenantId=blakeney', APP_ORIGIN), { headers: { cookie: await sessionCookieFor(PERCY) } }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const first = await reader.read();
      const firstText = decoder.decode(first.value, { stream: true });
      // The header and one batch: not the whole export.
      expect(csvRecords(firstText)).toHaveLength(1 + EXPORT_BATCH_SIZE);

      // Older than every row: newest first, it belongs to the last batch, not yet read.
      await database.db.insert(changeRequests).values({
        tenantId: 'blakeney', status: 'cancelled', reason: 'Added while exporting', requestedBy: PERCY, changes: {},
        createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-01T00:00:00Z'),
      });
      let text = firstText;
      let chunks = 1;
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        text += decoder.decode(next.value, { stream: true });
        chunks += 1;
      }
      const records = csvRecords(text);
      expect(chunks).toBe(Math.ceil((rows + 2) / EXPORT_BATCH_SIZE));
      expect(records).toHaveLength(1 + rows + 2);
      expect(records.at(-1)![records[0]!.indexOf('Reason')]).toBe('Added while exporting');
    });

    it('stops when the reader goes away, without calling it a failure', async () => {
      await database.db.execute(sql`
        insert into change_requests (tenant_id, status, changes, reason, requested_by, created_at, updated_at)
        select 'blakeney', 'cancelled', '{}'::jsonb, 'Bulk ' || i, ${PERCY}, timestamptz '2026-06-01T00:00:00Z' + i * interval '1 second',
               timestamptz '2026-06-01T00:00:00Z' + i * interval '1 second'
        from generate_series(1, ${EXPORT_BATCH_SIZE * 3}) as i`);
      const logged = vi.spyOn(console, 'error');
      try {
        const response = await csvRoute.GET(
          new Request(new URL('/api/v1/requests.csv', APP_ORIGIN), { headers: { cookie: await sessionCookieFor(PERCY) } }),
          { params: Promise.resolve({}) },
        );
        const reader = response.body!.getReader();
        expect((await reader.read()).done).toBe(false);
        const pulling = reader.read();
        await reader.cancel();
        expect((await pulling).done).toBe(true);
        // The batch asked for before the reader left comes back, and goes nowhere.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(logged).not.toHaveBeenCalled();
      } finally {
        logged.mockRestore();
      }
    });
  });
});
