import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import { tenants } from '@/db/schema';
import { encodeTenantCursor } from '@/lib/requests/read-requests';
import { type Json, call, installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { ATHOS, PERCY, REP, createTestContext } from '../support/use-case-context';

const CUSTOMERS = 250;

/** SPEC §5: lists are `{ items, nextCursor }`; a partner with hundreds of customers is paged, not sent whole. */
describe.each(BACKENDS)('GET /api/v1/tenants, page by page, on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    installAppContext(createTestContext(database));
    await database.db.insert(tenants).values(
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        id: `customer-${String(i).padStart(3, '0')}`,
        // Names that repeat, so that the id must break ties between pages.
        name: `Customer ${i % 60}`,
        parentId: 'classics',
        accountRepEmail: REP,
        concurrent: 10,
      })),
    );
  });
  afterAll(async () => {
    await database.dispose();
  });

  const page = (as: string, query = '') => call(tenantsRoute.GET, 'GET', `/api/v1/tenants${query}`, { as });

  it('walks Percy\'s whole tree in pages by name, without gaps or repeats, and no other partner\'s tenant', async () => {
    const seen: string[] = [];
    let names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; json: Json | null } = await page(PERCY, `?limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.json!.items.length).toBeLessThanOrEqual(40);
      seen.push(...response.json!.items.map((tenant: { id: string }) => tenant.id));
      names = names.concat(response.json!.items.map((tenant: { name: string }) => tenant.name));
      cursor = response.json!.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(CUSTOMERS + 3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain('musketeers');
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(pages).toBe(Math.ceil((CUSTOMERS + 3) / 40));
  });

  it('answers 100 tenants and a cursor when no limit is given, and a small tree whole', async () => {
    const percy = await page(PERCY);
    expect(percy.json!.items).toHaveLength(100);
    expect(percy.json!.nextCursor).toEqual(expect.any(String));
    const athos = await page(ATHOS);
    expect(athos.json!.items.map((tenant: { id: string }) => tenant.id).sort()).toEqual(['gascony', 'musketeers']);
    expect(athos.json!.nextCursor).toBeNull();
  });

  it.each([
    ['garbage', '?cursor=not-a-cursor'],
    ['a NUL in the name', `?cursor=${encodeTenantCursor({ name: 'a\u0000b', id: 'classics' })}`],
    ['a second spelling of a valid cursor', `?cursor=${encodeTenantCursor({ name: 'Customer 1', id: 'classics' })}==`],
    ['a limit above 500', '?limit=501'],
    ['a limit of 0', '?limit=0'],
  ])('answers 400 to %s', async (_, query) => {
    const response = await page(PERCY, query);
    expect(response.status).toBe(400);
    expect(['invalid_cursor', 'invalid_input']).toContain(response.json!.error.code);
  });
});
