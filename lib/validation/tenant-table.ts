import { z } from 'zod';
import type { SearchParams } from './search-params';
import { text } from './text';

/** The columns the tenant table sorts by: each is one entry here and one ORDER BY in lib/data/tenant-table. */
export const TENANT_TABLE_SORTS = ['name', 'id', 'concurrent', 'outbound', 'agentless', 'allowance', 'open', 'temporary'] as const;
export type TenantTableSort = (typeof TENANT_TABLE_SORTS)[number];

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A filter of the table: only tenants that have the thing (`yes`), only those that do not (`no`), or all (absent). */
export const TENANT_TABLE_FILTERS = ['pc', 'open', 'temporary'] as const;
export type TenantTableFilter = (typeof TENANT_TABLE_FILTERS)[number];
export const FILTER_VALUES = ['yes', 'no'] as const;
export type FilterValue = (typeof FILTER_VALUES)[number];

/** Rows per page: a screenful on a laptop, and a page a phone renders without effort. */
export const TENANT_TABLE_PAGE_SIZE = 50;

/** Past any real tree (a page of 50 × 10,000 pages), and small enough that OFFSET stays an integer the planner likes. */
export const MAX_TENANT_TABLE_PAGE = 10_000;

// A checkbox sends "on", a hand-typed address may say "true" or "1": all mean "yes".
const filterValue = z.preprocess(
  (value) => (typeof value === 'string' ? ({ on: 'yes', true: 'yes', '1': 'yes', false: 'no', '0': 'no' } as Record<string, string>)[value.toLowerCase()] ?? value.toLowerCase() : value),
  z.enum(FILTER_VALUES).optional(),
);

/**
 * The tenant table's address (`?q=&sort=&dir=&pc=&open=&temporary=&page=`), the one schema the
 * dashboard reads it with. Every field has a default, so an address with no query is the first
 * page by name.
 */
export const tenantTableQuerySchema = z.object({
  // A search for a name or an id; empty means no search.
  q: text()
    .max(100)
    .optional()
    .transform((value) => (value ? value : undefined)),
  sort: z.enum(TENANT_TABLE_SORTS).default('name'),
  dir: z.enum(SORT_DIRECTIONS).default('asc'),
  pc: filterValue,
  open: filterValue,
  temporary: filterValue,
  page: z.coerce.number().int().min(1).max(MAX_TENANT_TABLE_PAGE).default(1),
});
export type TenantTableQuery = z.output<typeof tenantTableQuerySchema>;
export type TenantTableField = keyof TenantTableQuery;

const FIELDS = Object.keys(tenantTableQuerySchema.shape) as TenantTableField[];

/**
 * Reads the table's address. Anyone can type one: a value that does not parse (a sort by an unknown
 * column, page "abc", a search with a control character, a field given twice) falls back to its
 * default, and its name is returned in `ignored` so that the page can say what it did not use
 * rather than fail.
 */
export function parseTenantTableQuery(params: SearchParams): { query: TenantTableQuery; ignored: TenantTableField[] } {
  const input: Partial<Record<TenantTableField, unknown>> = {};
  for (const field of FIELDS) {
    const value = params[field];
    if (value !== undefined && value !== '') input[field] = value;
  }
  const first = tenantTableQuerySchema.safeParse(input);
  if (first.success) return { query: first.data, ignored: [] };
  const ignored = [...new Set(first.error.issues.map((issue) => issue.path[0]).filter((key): key is TenantTableField => FIELDS.includes(key as TenantTableField)))];
  for (const field of ignored) delete input[field];
  // Without the fields that failed, every remaining one parsed on its own, and the defaults fill the rest.
  return { query: tenantTableQuerySchema.parse(input), ignored };
}

/** The address of the table for a query, with the defaults left out so that addresses stay short. */
export function tenantTableHref(query: TenantTableQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.sort !== 'name') params.set('sort', query.sort);
  if (query.dir !== 'asc') params.set('dir', query.dir);
  for (const filter of TENANT_TABLE_FILTERS) {
    const value = query[filter];
    if (value) params.set(filter, value);
  }
  if (query.page !== 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/?${search}` : '/';
}
