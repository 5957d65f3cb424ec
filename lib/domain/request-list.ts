/**
 * The requests list's sort orders and date range, described once: the API, the CSV export and the
 * page read them from here, the data layer maps each sort key to its SQL.
 */

/** What the list can be sorted by; every order ends with (created, id) so that ties are stable. */
export const REQUEST_SORT_KEYS = ['created', 'updated', 'status', 'tenant', 'case', 'requester'] as const;
export type RequestSortKey = (typeof REQUEST_SORT_KEYS)[number];

/** `created` is oldest first, `-created` newest first (the leading minus reads "descending"). */
export type RequestSort = RequestSortKey | `-${RequestSortKey}`;
export const REQUEST_SORTS: readonly RequestSort[] = REQUEST_SORT_KEYS.flatMap((key) => [`-${key}` as const, key]);
export const DEFAULT_REQUEST_SORT: RequestSort = '-created';

export function isRequestSort(value: unknown): value is RequestSort {
  return typeof value === 'string' && (REQUEST_SORTS as readonly string[]).includes(value);
}

export function parseRequestSort(sort: RequestSort): { key: RequestSortKey; descending: boolean } {
  return sort.startsWith('-') ? { key: sort.slice(1) as RequestSortKey, descending: true } : { key: sort as RequestSortKey, descending: false };
}

export function requestSort(key: RequestSortKey, descending: boolean): RequestSort {
  return descending ? `-${key}` : key;
}

/**
 * One end of the creation-date range: a calendar day (`2026-11-26`, a whole day in the reader's
 * time zone) or an explicit instant (`2026-11-26T14:05:00Z`, an offset is required).
 */
export type DateBound = { kind: 'day'; day: string } | { kind: 'instant'; at: Date };

/** The range as instants: `from` inclusive, `before` exclusive. */
export type CreatedRange = { from?: Date; before?: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Both ends are inclusive: `from` a day starts at that day's first instant in `timeZone`, `to` a
 * day ends where the next day starts; an instant `to` includes that millisecond (the API gives out
 * instants to the millisecond, while PostgreSQL keeps microseconds).
 */
export function createdRange(from: DateBound | undefined, to: DateBound | undefined, timeZone: string): CreatedRange {
  const range: CreatedRange = {};
  if (from) range.from = from.kind === 'instant' ? from.at : startOfDay(from.day, timeZone);
  if (to) range.before = to.kind === 'instant' ? new Date(to.at.getTime() + 1) : startOfDay(nextDay(to.day), timeZone);
  return range;
}

function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant whose wall clock in `timeZone` reads `day` (YYYY-MM-DD): local midnight, or the
 * end of the gap where a daylight-saving change skips midnight (Brazil's did until 2019). Each of
 * the offsets in force around that day is tried; the earliest instant that falls on the day wins.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, date);
  const offsets = new Set([offsetAt(midnight - DAY_MS, timeZone), offsetAt(midnight, timeZone), offsetAt(midnight + DAY_MS, timeZone)]);
  let first: number | null = null;
  for (const offset of offsets) {
    const candidate = midnight - offset;
    const wall = candidate + offsetAt(candidate, timeZone);
    if (wall >= midnight && wall < midnight + DAY_MS && (first === null || candidate < first)) first = candidate;
  }
  return new Date(first ?? midnight - offsetAt(midnight, timeZone));
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds ("GMT-03:00" is -3 h). */
export function offsetAt(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!match) return 0;
  const [, sign, hours, minutes, seconds] = match;
  const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000;
  return sign === '-' ? -ms : ms;
}
