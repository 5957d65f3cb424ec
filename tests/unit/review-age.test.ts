import { describe, expect, it } from 'vitest';
import { reviewUrgency } from '@/lib/domain/review-age';

const since = new Date('2026-11-20T10:00:00.000Z');
const after = (hours: number, ms = 0) => new Date(since.getTime() + hours * 3_600_000 + ms);

describe('reviewUrgency: the review target of the approvals queue', () => {
  it.each([
    [0, 0, 'on_time'],
    [24, 0, 'on_time'],
    [24, 1, 'amber'],
    [72, 0, 'amber'],
    [72, 1, 'red'],
    [200, 0, 'red'],
  ] as const)('after %i h and %i ms is %s (amber past 24 h, red past 72 h)', (hours, ms, expected) => {
    expect(reviewUrgency(since, after(hours, ms))).toBe(expected);
  });
});
