import { describe, expect, it } from 'vitest';
import { monthlyCostImpactCents } from '@/lib/domain/cost';

describe('monthlyCostImpactCents', () => {
  it('charges the port price for each added concurrent port, in integer cents', () => {
    const cents = monthlyCostImpactCents(50, 1_499);
    expect(cents).toBe(74_950);
    expect(Number.isInteger(cents)).toBe(true);
  });

  it('is a saving (negative) for a concurrent decrease', () => {
    expect(monthlyCostImpactCents(-20, 1_500)).toBe(-30_000);
  });

  it('is zero when concurrent ports do not change', () => {
    expect(monthlyCostImpactCents(0, 1_500)).toBe(0);
  });
});
