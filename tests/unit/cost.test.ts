import { describe, expect, it } from 'vitest';
import { concurrentDelta, costIsShown, monthlyCostImpactCents, requestMonthlyCostCents } from '@/lib/domain/cost';

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

describe('the monthly cost of a stored request', () => {
  it('prices only the concurrent ports a request adds or removes', () => {
    const changes = { concurrent: { from: 150, to: 260 }, outbound: { from: 80, to: 120 } };
    expect(concurrentDelta(changes)).toBe(110);
    expect(requestMonthlyCostCents(changes, 1_250)).toBe(137_500);
  });

  it('is a saving for a decrease, and nothing for a change of outbound or agentless ports alone', () => {
    expect(requestMonthlyCostCents({ concurrent: { from: 300, to: 280 } }, 1_250)).toBe(-25_000);
    expect(requestMonthlyCostCents({ agentless: { from: 40, to: 60 } }, 1_250)).toBe(0);
  });

  it('is shown only while Network Operations set a price (0 hides it)', () => {
    expect(costIsShown(1_250)).toBe(true);
    expect(costIsShown(0)).toBe(false);
  });
});
