import { describe, expect, it } from 'vitest';
import {
  automaticIncrease,
  currentUsageSince,
  mayTurnOffAutoIncrease,
  mayTurnOnAutoIncrease,
  reachesAutoIncreaseLevel,
} from '@/lib/domain/auto-increase';
import type { Permission } from '@/lib/auth/permissions';
import { MAX_PORTS } from '@/lib/domain/ports';

const facts = (peak: number | null, limit: number, threshold = 100, usedToday = 0) => ({ peak, limit, threshold, usedToday });

describe('reachesAutoIncreaseLevel', () => {
  it('starts at 95 % of the limit exactly, in whole numbers (190 of 200 reaches it, 189 does not)', () => {
    expect(reachesAutoIncreaseLevel(190, 200)).toBe(true);
    expect(reachesAutoIncreaseLevel(189, 200)).toBe(false);
    expect(reachesAutoIncreaseLevel(143, 150)).toBe(true); // 95.33 %
    expect(reachesAutoIncreaseLevel(142, 150)).toBe(false); // 94.67 %
  });

  it('counts usage above the limit as reaching it, and no usage (or none at a limit of 0) as not', () => {
    expect(reachesAutoIncreaseLevel(250, 200)).toBe(true);
    expect(reachesAutoIncreaseLevel(3, 0)).toBe(true);
    expect(reachesAutoIncreaseLevel(0, 0)).toBe(false);
    expect(reachesAutoIncreaseLevel(null, 200)).toBe(false);
  });
});

describe('automaticIncrease: the amount is min(remaining threshold today, right-sizing target − limit)', () => {
  it('asks for the right-sizing target when the threshold has room: 190 of 200 → 240 (the peak at 80 %)', () => {
    expect(automaticIncrease(facts(190, 200))).toEqual({ kind: 'raise', from: 200, to: 240, increase: 40 });
  });

  it('cuts the increase to what is left of the threshold today, so that it is approved at once', () => {
    expect(automaticIncrease(facts(190, 200, 100, 75))).toEqual({ kind: 'raise', from: 200, to: 225, increase: 25 });
    expect(automaticIncrease(facts(950, 1000, 30, 0))).toEqual({ kind: 'raise', from: 1000, to: 1030, increase: 30 });
  });

  it('honours a per-tenant threshold smaller than the target (threshold 5 → +5)', () => {
    expect(automaticIncrease(facts(190, 200, 5, 0))).toEqual({ kind: 'raise', from: 200, to: 205, increase: 5 });
  });

  it('asks for nothing once the threshold is used up (or over-used by reps) today', () => {
    expect(automaticIncrease(facts(190, 200, 100, 100))).toEqual({ kind: 'none', why: 'threshold_used' });
    expect(automaticIncrease(facts(190, 200, 100, 130))).toEqual({ kind: 'none', why: 'threshold_used' });
    expect(automaticIncrease(facts(190, 200, 0, 0))).toEqual({ kind: 'none', why: 'threshold_used' });
  });

  it('asks for nothing below 95 % or without a recent sample', () => {
    expect(automaticIncrease(facts(189, 200))).toEqual({ kind: 'none', why: 'below_level' });
    expect(automaticIncrease(facts(null, 200))).toEqual({ kind: 'none', why: 'no_usage' });
  });

  it('never goes beyond the largest limit a tenant can have', () => {
    expect(automaticIncrease(facts(MAX_PORTS, MAX_PORTS))).toEqual({ kind: 'none', why: 'at_maximum' });
    const near = automaticIncrease(facts(9990, 9995, 1000));
    expect(near).toEqual({ kind: 'raise', from: 9995, to: MAX_PORTS, increase: 4 });
  });

  it('raises at least 10 ports (as right-sizing does) when the threshold allows it, even for a small tenant', () => {
    expect(automaticIncrease(facts(10, 10))).toEqual({ kind: 'raise', from: 10, to: 20, increase: 10 });
  });

  it('never asks for more than the remaining threshold, whatever the facts', () => {
    for (let limit = 0; limit <= 400; limit += 7) {
      for (const peak of [limit, Math.ceil(limit * 0.95), limit * 2 + 1]) {
        for (const used of [0, 13, 60, 99]) {
          const decision = automaticIncrease(facts(peak, limit, 100, used));
          if (decision.kind === 'raise') {
            expect(decision.increase).toBeGreaterThan(0);
            expect(decision.increase).toBeLessThanOrEqual(100 - used);
            expect(decision.to).toBe(limit + decision.increase);
            expect(decision.to).toBeLessThanOrEqual(MAX_PORTS);
          }
        }
      }
    }
  });
});

describe('currentUsageSince: current usage is the peak of the last five minutes', () => {
  it('counts the slots of samples whose interval ended within the last five minutes (10:00 → from the 9:55 slot)', () => {
    expect(currentUsageSince(new Date('2026-11-26T10:00:00.000Z')).toISOString()).toBe('2026-11-26T09:55:00.000Z');
    expect(currentUsageSince(new Date('2026-11-26T10:00:30.000Z')).toISOString()).toBe('2026-11-26T09:55:00.000Z');
  });
});

describe('who may switch it', () => {
  const holder = (...permissions: Permission[]) => ({ permissions: new Set(permissions) });
  const requester = holder('monitoring_gateway:view', 'sspm:view', 'sspm:create');
  const viewer = holder('monitoring_gateway:view', 'sspm:view');
  const rep = holder('account_rep');

  it('turns on: a requester only (a rep never submits on a partner’s behalf; a viewer cannot request)', () => {
    expect([requester, viewer, rep].map(mayTurnOnAutoIncrease)).toEqual([true, false, false]);
  });

  it('turns off: a requester or an Account Representative, at any time', () => {
    expect([requester, viewer, rep].map(mayTurnOffAutoIncrease)).toEqual([true, false, true]);
  });
});
