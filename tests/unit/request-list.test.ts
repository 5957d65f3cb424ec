import { describe, expect, it } from 'vitest';
import { REQUEST_SORTS, createdRange, parseRequestSort, requestSort, startOfDay } from '@/lib/domain/request-list';
import { exportRequestsQuerySchema, listRequestsQuerySchema } from '@/lib/validation/request';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('the list’s sort orders', () => {
  it('offers every key in both directions, newest first being "-created"', () => {
    expect(REQUEST_SORTS).toContain('-created');
    expect(REQUEST_SORTS).toHaveLength(12);
    for (const sort of REQUEST_SORTS) {
      const { key, descending } = parseRequestSort(sort);
      expect(requestSort(key, descending)).toBe(sort);
    }
  });
});

describe('the creation-date range: whole days in the reader’s time zone, both ends included', () => {
  it('starts a day at local midnight', () => {
    expect(startOfDay('2026-11-26', 'UTC').toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(startOfDay('2026-11-26', 'America/Sao_Paulo').toISOString()).toBe('2026-11-26T03:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/Lisbon').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfDay('2026-11-26', 'Asia/Kolkata').toISOString()).toBe('2026-11-25T18:30:00.000Z');
  });

  it('starts a day whose midnight a daylight-saving change skipped at the end of the gap (São Paulo, 4 Nov 2018)', () => {
    // Clocks went from 00:00 to 01:00 (-03 to -02): the day began at 01:00 local, 03:00 UTC.
    expect(startOfDay('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(startOfDay('2018-11-05', 'America/Sao_Paulo').toISOString()).toBe('2018-11-05T02:00:00.000Z');
  });

  it('includes the whole last day: `to` a day ends where the next day starts', () => {
    const range = createdRange({ kind: 'day', day: '2026-11-01' }, { kind: 'day', day: '2026-11-30' }, 'America/Sao_Paulo');
    expect(range.from?.toISOString()).toBe('2026-11-01T03:00:00.000Z');
    expect(range.before?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
  });

  it('takes instants as they are, `to` including its own millisecond', () => {
    const at = new Date('2026-11-26T14:05:00.000Z');
    const range = createdRange({ kind: 'instant', at }, { kind: 'instant', at }, 'America/Sao_Paulo');
    expect(range.from).toEqual(at);
    expect(range.before?.toISOString()).toBe('2026-11-26T14:05:00.001Z');
  });
});

describe('listRequestsQuerySchema: the filters of the API and the page', () => {
  it('reads a day or an instant with its offset for `from` and `to`', () => {
    const parsed = listRequestsQuerySchema.parse({ from: '2026-11-01', to: '2026-11-26T14:05:00-03:00' });
    expect(parsed.from).toEqual({ kind: 'day', day: '2026-11-01' });
    expect(parsed.to).toEqual({ kind: 'instant', at: new Date('2026-11-26T17:05:00Z') });
  });

  it.each([
    ['an instant without its offset', '2026-11-26T14:05:00'],
    ['a day that does not exist', '2026-02-30'],
    ['a local spelling', '26/11/2026'],
    ['year 0', '0000-01-01'],
    ['a year beyond 9999', '+010000-01-01T00:00:00Z'],
    ['words', 'yesterday'],
  ])('refuses %s, naming the field', (_name, value) => {
    expect(issues(listRequestsQuerySchema.safeParse({ from: value }))).toEqual([{ path: 'from', message: 'list_date' }]);
    expect(issues(listRequestsQuerySchema.safeParse({ to: value }))).toEqual([{ path: 'to', message: 'list_date' }]);
  });

  it('refuses a range whose end comes before its start, on `to`', () => {
    expect(issues(listRequestsQuerySchema.safeParse({ from: '2026-11-26', to: '2026-11-25' }))).toEqual([{ path: 'to', message: 'list_range' }]);
    expect(issues(exportRequestsQuerySchema.safeParse({ from: '2026-11-26T10:00:00Z', to: '2026-11-26T09:59:59Z' }))).toEqual([
      { path: 'to', message: 'list_range' },
    ]);
    expect(listRequestsQuerySchema.safeParse({ from: '2026-11-26', to: '2026-11-26' }).success).toBe(true);
  });

  it('reads every sort, and refuses another with list_sort', () => {
    for (const sort of REQUEST_SORTS) expect(listRequestsQuerySchema.parse({ sort }).sort).toBe(sort);
    expect(issues(listRequestsQuerySchema.safeParse({ sort: 'created_at' }))).toEqual([{ path: 'sort', message: 'list_sort' }]);
    expect(issues(listRequestsQuerySchema.safeParse({ sort: '+created' }))).toEqual([{ path: 'sort', message: 'list_sort' }]);
  });

  it('trims the search, reads a blank one as none, and refuses control characters and more than 200 characters', () => {
    expect(listRequestsQuerySchema.parse({ q: '  00001042 ' }).q).toBe('00001042');
    expect(listRequestsQuerySchema.parse({ q: '   ' }).q).toBeUndefined();
    expect(issues(listRequestsQuerySchema.safeParse({ q: 'a\u0000b' })).map((issue) => issue.path)).toEqual(['q']);
    expect(issues(listRequestsQuerySchema.safeParse({ q: 'x'.repeat(201) })).map((issue) => issue.path)).toEqual(['q']);
  });

  it('gives the export the same filters without paging', () => {
    const parsed = exportRequestsQuerySchema.parse({ q: 'drive', status: 'approved', sort: 'tenant', cursor: 'x', limit: '5' });
    expect(parsed).toEqual({ q: 'drive', status: 'approved', sort: 'tenant' });
  });
});
