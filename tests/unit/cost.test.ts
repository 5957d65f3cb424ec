import { describe, expect, it } from 'vitest';
import { formatCents, monthlyCostImpactCents } from '@/lib/domain/cost';

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

describe('formatCents', () => {
  it('shows cents as dollars with two decimals and thousands separators', () => {
    expect(formatCents(74_950)).toBe('$749.50');
    expect(formatCents(123_456_789)).toBe('$1,234,567.89');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(0)).toBe('$0.00');
  });

  it('shows a saving with a minus sign', () => {
    expect(formatCents(-1_250)).toBe('-$12.50');
  });

  it('formats another currency when asked', () => {
    expect(formatCents(1_250, 'EUR')).toBe('€12.50');
  });
});
