import { describe, expect, it } from 'vitest';
import { MAX_TENANT_TABLE_PAGE, parseTenantTableQuery, tenantTableHref } from '@/lib/validation/tenant-table';

const DEFAULTS = { q: undefined, sort: 'name', dir: 'asc', pc: undefined, open: undefined, temporary: undefined, page: 1 };

// Issue 12: the tenant table's address is read with one schema; anything it cannot read falls back and is named, never a 500.
describe('the tenant table address', () => {
  it('reads an empty address as the first page by name, ascending, unfiltered', () => {
    expect(parseTenantTableQuery({})).toEqual({ query: DEFAULTS, ignored: [] });
  });

  it('reads every field of a full address', () => {
    expect(parseTenantTableQuery({ q: ' Porto ', sort: 'concurrent', dir: 'desc', pc: 'yes', open: 'no', temporary: 'yes', page: '3' })).toEqual({
      query: { q: 'Porto', sort: 'concurrent', dir: 'desc', pc: 'yes', open: 'no', temporary: 'yes', page: 3 },
      ignored: [],
    });
  });

  it('reads the ways a hand-typed address or a checkbox says yes and no', () => {
    expect(parseTenantTableQuery({ pc: 'on', open: 'TRUE', temporary: '0' }).query).toMatchObject({ pc: 'yes', open: 'yes', temporary: 'no' });
  });

  it('treats empty fields (as a GET form sends them) as absent', () => {
    expect(parseTenantTableQuery({ q: '', pc: '', open: '', temporary: '', page: '' })).toEqual({ query: DEFAULTS, ignored: [] });
  });

  it.each([
    ['an unknown sort column', { sort: 'password' }, ['sort']],
    ['an unknown direction', { dir: 'sideways' }, ['dir']],
    ['a page that is not a number', { page: 'abc' }, ['page']],
    ['page 0', { page: '0' }, ['page']],
    ['a negative page', { page: '-2' }, ['page']],
    ['a fractional page', { page: '1.5' }, ['page']],
    ['a page past any tree', { page: String(MAX_TENANT_TABLE_PAGE + 1) }, ['page']],
    ['a filter value that means nothing', { pc: 'maybe' }, ['pc']],
    ['a search with a NUL', { q: 'a\u0000b' }, ['q']],
    ['a search too long to be a name', { q: 'x'.repeat(101) }, ['q']],
    ['a field given twice', { sort: ['name', 'id'] }, ['sort']],
  ])('falls back to the default for %s and names the field', (_name, params, ignored) => {
    const { query, ignored: named } = parseTenantTableQuery(params);
    expect(named).toEqual(ignored);
    for (const field of ignored) expect(query[field as keyof typeof query]).toEqual(DEFAULTS[field as keyof typeof DEFAULTS]);
  });

  it('keeps the fields it could read when others fail', () => {
    expect(parseTenantTableQuery({ q: 'Lyon', sort: 'nope', page: 'x', open: 'yes' })).toEqual({
      query: { ...DEFAULTS, q: 'Lyon', open: 'yes' },
      ignored: ['sort', 'page'],
    });
  });

  it('writes an address that reads back as the same query, leaving defaults out', () => {
    const { query } = parseTenantTableQuery({ q: '50% off & more', sort: 'temporary', dir: 'desc', pc: 'no', page: '2' });
    const href = tenantTableHref(query);
    expect(href).toBe('/?q=50%25+off+%26+more&sort=temporary&dir=desc&pc=no&page=2');
    expect(parseTenantTableQuery(Object.fromEntries(new URL(href, 'http://x').searchParams)).query).toEqual(query);
    expect(tenantTableHref(DEFAULTS as never)).toBe('/');
  });
});
