import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_TENANTS } from '@/db/demo-data';
import { tenants } from '@/db/schema';
import { AppError } from '@/lib/domain/errors';
import { submitRequest } from '@/lib/requests/submit-request';
import { type TenantTableRowView, type TenantTableView, listTenantTable } from '@/lib/requests/tenant-table';
import { createRequestSchema } from '@/lib/validation/request';
import { TENANT_TABLE_PAGE_SIZE, TENANT_TABLE_SORTS, type TenantTableQuery, tenantTableQuerySchema } from '@/lib/validation/tenant-table';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { ATHOS, MARGUERITE, NETOPS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const DANA = 'dana@nautilus.example';
const HOUR = 60 * 60 * 1000;

const treeOf = (root: string) => DEMO_TENANTS.filter((tenant) => tenant.id === root || tenant.parentId === root).map((tenant) => tenant.id!);
const NAUTILUS_TREE = treeOf('nautilus');
const NAUTILUS_CUSTOMERS = NAUTILUS_TREE.filter((id) => id !== 'nautilus');

/** The table's query as the address would give it, with the defaults of the one schema. */
const query = (overrides: Partial<Record<keyof TenantTableQuery, string | number>> = {}): TenantTableQuery =>
  tenantTableQuerySchema.parse(overrides);

// Issue 12: the dashboard's table for a partner with many customers, paged and sorted in SQL within the caller's scope.
describe.each(BACKENDS)('the tenant table on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });

  const table = async (email: string, overrides: Parameters<typeof query>[0] = {}) => listTenantTable(ctx, await ctx.callerFor(email), query(overrides));

  /** Every row of every page, in order, for the same filters and sort. */
  async function allRows(email: string, overrides: Parameters<typeof query>[0] = {}): Promise<TenantTableRowView[]> {
    const rows: TenantTableRowView[] = [];
    for (let page = 1; page <= 20; page += 1) {
      const result = await table(email, { ...overrides, page });
      rows.push(...result.rows);
      if (page >= result.pageCount) break;
    }
    return rows;
  }

  const submit = async (email: string, tenantId: string, changes: Record<string, number>, options: { revertInMs?: number; justification?: string } = {}) =>
    submitRequest(
      ctx,
      await ctx.callerFor(email),
      createRequestSchema.parse({
        tenantId,
        changes,
        reason: 'Seasonal campaign',
        justification: options.justification,
        revertAt: options.revertInMs ? new Date(ctx.clock().getTime() + options.revertInMs).toISOString() : undefined,
      }),
    );

  const limits = async (tenantId: string) => (await database.db.select().from(tenants).where(eq(tenants.id, tenantId)))[0]!;

  describe('scope', () => {
    it('shows a partner exactly its own tree on every page: never another partner’s tenant', async () => {
      const dana = await allRows(DANA);
      expect(dana.map((row) => row.id).sort()).toEqual([...NAUTILUS_TREE].sort());
      expect(NAUTILUS_TREE).toHaveLength(151);
      expect((await allRows(PERCY)).map((row) => row.id).sort()).toEqual(['blakeney', 'classics', 'league']);
      expect((await allRows(ATHOS)).map((row) => row.id).sort()).toEqual(['gascony', 'musketeers']);
    });

    it('keeps the scope under a search that matches another partner’s tenants', async () => {
      expect((await table(PERCY, { q: 'Musketeers' })).rows).toEqual([]);
      expect((await table(DANA, { q: 'League' })).total).toBe(0);
      expect((await table(REP, { q: 'League' })).rows.map((row) => row.id)).toEqual(['league']);
    });

    it('shows a rep every tenant of every partner', async () => {
      const rows = await allRows(REP);
      expect(rows.map((row) => row.id).sort()).toEqual(DEMO_TENANTS.map((tenant) => tenant.id!).sort());
    });

    it('refuses a caller who may not see ports (Network Operations)', async () => {
      await expect(table(NETOPS)).rejects.toThrow(AppError);
      await expect(table(NETOPS)).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('grouping', () => {
    it.each(TENANT_TABLE_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => [sort, dir] as const)))(
      'puts the partner’s own tenant first, its customers under it, sorted by %s %s',
      async (sort, dir) => {
        const first = await table(DANA, { sort, dir });
        expect(first.rows[0]).toMatchObject({ id: 'nautilus', isPartner: true });
        expect(first.rows.slice(1).every((row) => !row.isPartner)).toBe(true);
      },
    );

    it('shows a rep each partner followed by its own customers, partners by name, and whose customer each row is', async () => {
      const rows = await allRows(REP, { sort: 'concurrent', dir: 'desc' });
      const partners = rows.filter((row) => row.isPartner).map((row) => row.id);
      expect(partners).toEqual(['classics', 'musketeers', 'nautilus']);
      const groups = rows.map((row) => (row.isPartner ? row.id : DEMO_TENANTS.find((tenant) => tenant.id === row.id)!.parentId));
      // Each partner's rows are contiguous and start with the partner itself.
      for (const partner of partners) {
        const first = groups.indexOf(partner);
        const last = groups.lastIndexOf(partner);
        expect(rows[first]!.id).toBe(partner);
        expect(groups.slice(first, last + 1).every((group) => group === partner)).toBe(true);
      }
      expect(rows.find((row) => row.id === 'gascony')!.parentName).toBe('Musketeers Ltd');
      expect((await table(ATHOS)).rows.find((row) => row.id === 'gascony')!.parentName).toBeNull();
    });
  });

  describe('search', () => {
    it('finds tenants by any part of the name, in any case', async () => {
      const result = await table(DANA, { q: 'porto' });
      expect(result.total).toBe(10);
      expect(result.rows.every((row) => row.name.startsWith('Porto '))).toBe(true);
    });

    it('finds a tenant by its id', async () => {
      expect((await table(DANA, { q: 'malmo-freight' })).rows.map((row) => [row.id, row.name])).toEqual([['malmo-freight', 'Malmö Freight']]);
    });

    it('reads % and _ as themselves, not as LIKE wildcards', async () => {
      await database.db.insert(tenants).values({ id: 'fifty_off', name: 'Fifty 50% Off', parentId: 'nautilus', accountRepEmail: REP, concurrent: 10 });
      expect((await table(DANA, { q: '50%' })).rows.map((row) => row.id)).toEqual(['fifty_off']);
      expect((await table(DANA, { q: '_' })).rows.map((row) => row.id)).toEqual(['fifty_off']);
    });
  });

  describe('sort', () => {
    const customersOf = async (sort: string, dir: string) => (await allRows(DANA, { sort, dir })).filter((row) => !row.isPartner);
    const byNameThenId = (a: TenantTableRowView, b: TenantTableRowView) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);

    it.each([
      ['name', (row: TenantTableRowView) => row.name],
      ['id', (row: TenantTableRowView) => row.id],
      ['concurrent', (row: TenantTableRowView) => row.limits.concurrent],
      ['outbound', (row: TenantTableRowView) => row.limits.outbound],
      ['agentless', (row: TenantTableRowView) => row.limits.agentless],
    ] as const)('sorts by %s both ways, ties by name, across all pages', async (sort, value) => {
      for (const dir of ['asc', 'desc'] as const) {
        const rows = await customersOf(sort, dir);
        expect(rows).toHaveLength(NAUTILUS_CUSTOMERS.length);
        const expected = [...rows].sort((a, b) => {
          const [x, y] = [value(a), value(b)];
          if (x !== y) return (x < y ? -1 : 1) * (dir === 'asc' ? 1 : -1);
          return byNameThenId(a, b);
        });
        expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
      }
    });

    it('sorts by what is left of today’s automatic approvals', async () => {
      await submit(DANA, 'porto-freight', { concurrent: (await limits('porto-freight')).concurrent + 60 });
      await submit(DANA, 'cork-travel', { concurrent: (await limits('cork-travel')).concurrent + 30 });
      const ascending = await customersOf('allowance', 'asc');
      expect(ascending.slice(0, 2).map((row) => [row.id, row.allowance.remaining])).toEqual([
        ['porto-freight', 40],
        ['cork-travel', 70],
      ]);
      expect(ascending.slice(2).every((row) => row.allowance.remaining === 100)).toBe(true);
      expect((await customersOf('allowance', 'desc')).slice(-2).map((row) => row.id)).toEqual(['cork-travel', 'porto-freight']);
    });

    it('sorts by the open request’s age, the longest waiting first, tenants without one last either way', async () => {
      await submit(DANA, 'ghent-energy', { concurrent: 900 });
      ctx.clockControl.advance(HOUR);
      await submit(DANA, 'aberdeen-travel', { concurrent: 900 });
      expect((await customersOf('open', 'asc')).slice(0, 3).map((row) => row.id)).toEqual(['ghent-energy', 'aberdeen-travel', 'aberdeen-car-rental']);
      expect((await customersOf('open', 'desc')).slice(0, 2).map((row) => row.id)).toEqual(['aberdeen-travel', 'ghent-energy']);
    });

    it('sorts by the end of the temporary change, the soonest first, tenants without one last either way', async () => {
      await submit(DANA, 'lyon-lettings', { concurrent: (await limits('lyon-lettings')).concurrent + 10 }, { revertInMs: 72 * HOUR });
      await submit(DANA, 'turin-energy', { concurrent: (await limits('turin-energy')).concurrent + 10 }, { revertInMs: 24 * HOUR });
      expect((await customersOf('temporary', 'asc')).slice(0, 2).map((row) => row.id)).toEqual(['turin-energy', 'lyon-lettings']);
      expect((await customersOf('temporary', 'desc')).slice(0, 2).map((row) => row.id)).toEqual(['lyon-lettings', 'turin-energy']);
    });
  });

  describe('filters', () => {
    it('keeps only tenants with, or only tenants without, Personal Connection', async () => {
      const withPc = await allRows(DANA, { pc: 'yes' });
      const withoutPc = await allRows(DANA, { pc: 'no' });
      expect(withPc.every((row) => row.personalConnectionEnabled)).toBe(true);
      expect(withoutPc.every((row) => !row.personalConnectionEnabled)).toBe(true);
      expect(withPc.length + withoutPc.length).toBe(NAUTILUS_TREE.length);
      expect(withPc.length).toBe(DEMO_TENANTS.filter((tenant) => NAUTILUS_TREE.includes(tenant.id!) && tenant.personalConnectionEnabled).length);
    });

    it('keeps only tenants with an open request (its status, age and link), or only those without', async () => {
      const open = await submit(DANA, 'ghent-energy', { concurrent: 900 });
      ctx.clockControl.advance(3 * HOUR);
      const result = await table(DANA, { open: 'yes' });
      expect(result.rows).toEqual([
        expect.objectContaining({
          id: 'ghent-energy',
          openRequest: { id: open.id, status: 'pending_info', createdAt: open.createdAt },
          change: { kind: 'request_open', requestId: open.id, status: 'pending_info' },
        }),
      ]);
      const without = await allRows(DANA, { open: 'no' });
      expect(without).toHaveLength(NAUTILUS_TREE.length - 1);
      expect(without.some((row) => row.openRequest !== null)).toBe(false);
    });

    it('keeps only tenants with a temporary change in force, with the limits it puts back and when', async () => {
      const before = await limits('lyon-lettings');
      const temporary = await submit(DANA, 'lyon-lettings', { concurrent: before.concurrent + 10 }, { revertInMs: 72 * HOUR });
      expect(temporary.status).toBe('approved');
      const result = await table(DANA, { temporary: 'yes' });
      expect(result.rows).toEqual([
        expect.objectContaining({
          id: 'lyon-lettings',
          limits: expect.objectContaining({ concurrent: before.concurrent + 10 }),
          temporary: { requestId: temporary.id, revertAt: temporary.revertAt, revertsTo: [{ port: 'concurrent', value: before.concurrent }], blocked: false, inForce: 1 },
        }),
      ]);
      expect(await allRows(DANA, { temporary: 'no' })).toHaveLength(NAUTILUS_TREE.length - 1);
    });

    it('combines filters with the search and the scope', async () => {
      const rows = await allRows(DANA, { q: 'Dental', pc: 'yes' });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.name.includes('Dental') && row.personalConnectionEnabled)).toBe(true);
    });
  });

  describe('paging', () => {
    it(`pages ${NAUTILUS_TREE.length} tenants ${TENANT_TABLE_PAGE_SIZE} at a time, without gaps or repeats, with the total on each page`, async () => {
      const pages: TenantTableView[] = [];
      for (let page = 1; page <= 4; page += 1) pages.push(await table(DANA, { page }));
      expect(pages.map((page) => page.rows.length)).toEqual([50, 50, 50, 1]);
      expect(pages.every((page) => page.total === NAUTILUS_TREE.length && page.pageCount === 4 && !page.pastEnd)).toBe(true);
      const ids = pages.flatMap((page) => page.rows.map((row) => row.id));
      expect(new Set(ids).size).toBe(NAUTILUS_TREE.length);
    });

    it('says a page past the last one is past the end, with the real total, rather than failing', async () => {
      const past = await table(DANA, { page: 9 });
      expect(past).toMatchObject({ rows: [], pastEnd: true, total: NAUTILUS_TREE.length, pageCount: 4, page: 9 });
      expect(await table(DANA, { page: 2, q: 'porto' })).toMatchObject({ rows: [], pastEnd: true, total: 10, pageCount: 1 });
    });

    it('answers an empty first page, not a past-the-end one, when nothing matches', async () => {
      expect(await table(DANA, { q: 'no such tenant' })).toMatchObject({ rows: [], pastEnd: false, total: 0, pageCount: 1 });
    });
  });

  describe('per row', () => {
    it('shows why a tenant without Monitoring Gateway cannot be changed, and whom to ask', async () => {
      const [gascony] = (await table(ATHOS, { q: 'gascony' })).rows;
      expect(gascony!.change).toEqual({ kind: 'gateway_disabled', accountRepEmail: REP, enableYourself: false });
      // A rep turns the gateway on under Access rather than asking someone.
      expect((await table(REP, { q: 'gascony' })).rows[0]!.change).toEqual({ kind: 'gateway_disabled', accountRepEmail: REP, enableYourself: true });
      const [viewerRow] = (await table(MARGUERITE, { q: 'blakeney' })).rows;
      expect(viewerRow!.change).toEqual({ kind: 'not_permitted' });
      const [percyRow] = (await table(PERCY, { q: 'blakeney' })).rows;
      expect(percyRow!.change).toEqual({ kind: 'allowed' });
    });

    it('shows the daily allowance left after today’s automatic approvals, and a tenant’s own threshold', async () => {
      await database.db.update(tenants).set({ dailyThreshold: 40 }).where(eq(tenants.id, 'faro-travel'));
      await submit(DANA, 'faro-travel', { concurrent: (await limits('faro-travel')).concurrent + 25 });
      const [row] = (await table(DANA, { q: 'faro-travel' })).rows;
      expect(row!.allowance).toEqual({ threshold: 40, usedToday: 25, remaining: 15 });
      // Tomorrow (UTC) the allowance is whole again.
      ctx.clockControl.advance(24 * HOUR);
      expect((await table(DANA, { q: 'faro-travel' })).rows[0]!.allowance).toEqual({ threshold: 40, usedToday: 0, remaining: 40 });
    });
  });
});
