import { monthlyCostImpactCents } from './cost';
import { type Limits, MAX_PORTS, type PortType } from './ports';
import type { Peaks } from './usage';

/**
 * Right-sizing (issue 13 §6), over the last 30 days of peaks:
 * - a peak below 60 % of its limit: decrease to the peak plus 20 %, rounded up to a multiple of 10;
 * - a peak at or above 95 %: increase, to the limit at which the peak would be 80 % (rounded up to
 *   10), so that the next alert is some way off.
 * Whole-number arithmetic throughout: 60 % of 50 is 30, never 29.999….
 */
export const DECREASE_BELOW_PERCENT = 60;
export const INCREASE_FROM_PERCENT = 95;
export const DECREASE_HEADROOM_PERCENT = 20;
export const INCREASE_TARGET_PERCENT = 80;

export type Suggestion =
  | { kind: 'decrease'; type: PortType; peak: number; from: number; to: number; monthlySavingCents: number }
  | { kind: 'increase'; type: PortType; peak: number; from: number; to: number; monthlyCostCents: number };

const roundUpToTen = (value: number) => Math.ceil(value / 10) * 10;

/** The limit a peak at or above 95 % should move to: the peak at 80 % of it, rounded up to 10. */
export function increaseTarget(peak: number, limit: number): number {
  const target = roundUpToTen(Math.ceil((peak * 100) / INCREASE_TARGET_PERCENT));
  return Math.min(MAX_PORTS, Math.max(target, limit + 10));
}

/** The suggestion for one port type, or null when its limit fits its use. */
export function suggestFor(type: PortType, peak: number | null, limit: number, portPriceCents: number): Suggestion | null {
  if (peak === null) return null;
  const priced = type === 'concurrent' ? portPriceCents : 0;
  if (peak * 100 >= INCREASE_FROM_PERCENT * limit && (limit > 0 || peak > 0)) {
    const to = increaseTarget(peak, limit);
    if (to <= limit) return null;
    return { kind: 'increase', type, peak, from: limit, to, monthlyCostCents: monthlyCostImpactCents(to - limit, priced) };
  }
  if (peak * 100 < DECREASE_BELOW_PERCENT * limit) {
    const to = roundUpToTen((peak * (100 + DECREASE_HEADROOM_PERCENT)) / 100);
    if (to >= limit) return null;
    return { kind: 'decrease', type, peak, from: limit, to, monthlySavingCents: monthlyCostImpactCents(limit - to, priced) };
  }
  return null;
}

/** A tenant's suggestions, one per port type it has whose 30-day peak calls for one. */
export function suggestRightSizing(peaks30Days: Peaks, limits: Limits, types: readonly PortType[], portPriceCents: number): Suggestion[] {
  return types.flatMap((type) => suggestFor(type, peaks30Days[type], limits[type], portPriceCents) ?? []);
}
