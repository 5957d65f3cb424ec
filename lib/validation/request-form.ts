import { PORT_TYPES } from '@/lib/domain/ports';
import type { CreateRequestBody } from './request';

/** How the expected peak reads in the justification, in the submitter's language (the caller words it). */
export type ExpectedPeakLine = (peak: string) => string;

export type RequestFormOptions = {
  /** The line "Expected peak of simultaneous calls: N", worded by the caller's catalogue. */
  expectedPeakLine: ExpectedPeakLine;
  /** The reader's time zone: a zone-less datetime-local value is a wall-clock time there. */
  timeZone: string;
};

/**
 * Turns the new-request form's strings into the API's body, so that the form and the API are
 * checked by the same schema (createRequestSchema). An empty port field means "leave as it is".
 */
export function createRequestBodyFromForm(form: FormData, options: RequestFormOptions): CreateRequestBody {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const numbers = (prefix: string) => {
    const values: Record<string, number> = {};
    for (const type of PORT_TYPES) {
      const raw = text(`${prefix}${type}`);
      if (raw !== '') values[type] = Number(raw);
    }
    return values;
  };
  const revertAt = text('revertAt');
  return {
    tenantId: text('tenantId'),
    changes: numbers(''),
    expected: numbers('expected.'),
    reason: text('reason'),
    justification: justificationFromForm(form, options.expectedPeakLine) || undefined,
    // datetime-local inputs carry no zone: the form sends its conversion (in the reader's time zone)
    // in revertAtUtc; without it (no script), the typed value is read in the reader's time zone here.
    revertAt: text('revertAtUtc') || (revertAt ? toIsoOrRaw(revertAt, options.timeZone) : undefined),
  };
}

/** An unreadable date stays as typed, so the schema rejects it with its own message. */
function toIsoOrRaw(value: string, timeZone: string): string {
  const zoned = wallTimeToUtc(value, timeZone);
  if (zoned) return zoned.toISOString();
  // Only a value that names its own offset is read as is; anything else would fall back to the server's zone.
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a zone-less wall-clock time (`2026-12-03T18:00`, as datetime-local inputs give it)
 * names in `timeZone`; null if it is not such a value. Like a clock on the wall: a time that a
 * daylight-saving jump skips moves forward by the jump (02:30 → 03:30), and a time that the clocks
 * going back repeat is its first occurrence.
 */
export function wallTimeToUtc(value: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // 2026-02-30T10:00 is no date: Date.UTC would roll it over to March.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  try {
    // The zone's offsets a day either side cover any transition near this time.
    const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
    const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
    const matching = [before, after].filter((instant) => instant + zoneOffsetMs(instant, timeZone) === wall);
    // None matches in a skipped hour: the offset before the jump moves it forward.
    return new Date(matching.length > 0 ? Math.min(...matching) : before);
  } catch {
    // Not a time zone this runtime knows.
    return null;
  }
}

/**
 * The justification a rep reads: the requester's words, and the expected peak of simultaneous calls
 * when the form asked for it, worded in the requester's language by `expectedPeakLine`. The API takes
 * both as one justification text.
 */
export function justificationFromForm(form: FormData, expectedPeakLine: ExpectedPeakLine): string {
  const read = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const peak = read('expectedPeak');
  return [read('justification'), peak ? expectedPeakLine(peak) : ''].filter(Boolean).join('\n');
}
