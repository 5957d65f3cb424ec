import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_THRESHOLD,
  approvalRoute,
  effectiveThreshold,
  remainingToday,
  utcDay,
} from '@/lib/domain/threshold';

const iso = (day: { start: Date; end: Date }) => ({ start: day.start.toISOString(), end: day.end.toISOString() });

describe('utcDay', () => {
  it('puts 23:59:59.999Z in the day that is ending', () => {
    expect(iso(utcDay(new Date('2026-11-26T23:59:59.999Z')))).toEqual({
      start: '2026-11-26T00:00:00.000Z',
      end: '2026-11-27T00:00:00.000Z',
    });
  });

  it('starts a new UTC day at 00:00:00.000Z', () => {
    expect(iso(utcDay(new Date('2026-11-27T00:00:00.000Z')))).toEqual({
      start: '2026-11-27T00:00:00.000Z',
      end: '2026-11-28T00:00:00.000Z',
    });
  });

  it('counts 23:30 at UTC-5 on the 26th as the 27th in UTC', () => {
    expect(iso(utcDay(new Date('2026-11-26T23:30:00-05:00')))).toEqual({
      start: '2026-11-27T00:00:00.000Z',
      end: '2026-11-28T00:00:00.000Z',
    });
  });

  it('counts 00:30 at UTC+2 on the 27th as the 26th in UTC', () => {
    expect(utcDay(new Date('2026-11-27T00:30:00+02:00')).start.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('crosses the end of a year and a leap day', () => {
    expect(utcDay(new Date('2026-12-31T23:59:59.999Z')).end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(iso(utcDay(new Date('2028-02-29T12:00:00Z')))).toEqual({
      start: '2028-02-29T00:00:00.000Z',
      end: '2028-03-01T00:00:00.000Z',
    });
  });

  it('gives the same UTC day whatever the server’s own time zone', () => {
    const serverZone = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = zone; // Node reads TZ again on each change; the servers we run on may not be in UTC.
        expect(iso(utcDay(new Date('2026-11-26T23:59:59.999Z'))).start, zone).toBe('2026-11-26T00:00:00.000Z');
        expect(iso(utcDay(new Date('2026-11-27T00:00:00.000Z'))).start, zone).toBe('2026-11-27T00:00:00.000Z');
      }
    } finally {
      if (serverZone === undefined) delete process.env.TZ;
      else process.env.TZ = serverZone;
    }
  });

  it('is a half-open day of 24 hours: its end is the start of the next day', () => {
    const day = utcDay(new Date('2026-11-26T10:00:00Z'));
    expect(day.end.getTime() - day.start.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(utcDay(day.end).start.getTime()).toBe(day.end.getTime());
  });
});

describe('effectiveThreshold', () => {
  it('defaults to 100 (SPEC §2)', () => {
    expect(DEFAULT_DAILY_THRESHOLD).toBe(100);
  });

  it('uses the global threshold when the tenant has no override', () => {
    expect(effectiveThreshold(100, null)).toBe(100);
    expect(effectiveThreshold(100, undefined)).toBe(100);
  });

  it('lets a per-tenant override win over the global threshold', () => {
    expect(effectiveThreshold(100, 250)).toBe(250);
    expect(effectiveThreshold(100, 20)).toBe(20);
  });

  it('lets a per-tenant override of 0 win over the global threshold (no auto-approved increases)', () => {
    expect(effectiveThreshold(100, 0)).toBe(0);
  });
});

describe('remainingToday', () => {
  it('is the threshold less what was auto-approved today', () => {
    expect(remainingToday(100, 30)).toBe(70);
    expect(remainingToday(100, 0)).toBe(100);
  });

  it('is 0, never negative, when the threshold is used up or was lowered below what was used', () => {
    expect(remainingToday(100, 100)).toBe(0);
    expect(remainingToday(50, 80)).toBe(0);
  });
});

describe('approvalRoute', () => {
  it('auto-approves an increase that exactly reaches the threshold', () => {
    expect(approvalRoute(100, 100, 0)).toBe('auto');
    expect(approvalRoute(30, 100, 70)).toBe('auto');
  });

  it('sends for review an increase that exceeds the threshold by one', () => {
    expect(approvalRoute(101, 100, 0)).toBe('review');
    expect(approvalRoute(31, 100, 70)).toBe('review');
  });

  it('auto-approves a concurrent decrease even when the threshold is used up', () => {
    expect(approvalRoute(-50, 100, 100)).toBe('auto');
    expect(approvalRoute(-1, 0, 0)).toBe('auto');
  });

  it('auto-approves a zero concurrent delta (outbound/agentless only) even when the threshold is used up', () => {
    expect(approvalRoute(0, 100, 100)).toBe('auto');
    expect(approvalRoute(0, 0, 500)).toBe('auto');
  });

  it('sends any increase for review when the threshold is used up', () => {
    expect(approvalRoute(1, 100, 100)).toBe('review');
  });

  it('sends any increase for review when today’s usage is already above a lowered threshold', () => {
    expect(approvalRoute(1, 50, 80)).toBe('review');
  });

  it('sends every increase for review under a per-tenant override of 0', () => {
    expect(approvalRoute(1, effectiveThreshold(100, 0), 0)).toBe('review');
  });

  it('auto-approves under a generous per-tenant override what the global threshold would review', () => {
    expect(approvalRoute(150, 100, 0)).toBe('review');
    expect(approvalRoute(150, effectiveThreshold(100, 200), 0)).toBe('auto');
  });
});
