import { canRequestChanges, isAccountRep } from '@/lib/auth/permissions';
import type { Permission } from '@/lib/auth/permissions';
import { INCREASE_FROM_PERCENT, increaseTarget } from './right-sizing';
import { remainingToday } from './threshold';
import { MINUTE_MS } from './usage';

/**
 * The automatic increase (issue 13 §7), as pure rules. A tenant's requester may turn on "raise
 * automatically when usage reaches 95 %"; SSPM then asks, on that requester's behalf, for the
 * concurrent increase right-sizing would suggest, cut to what is left of the day's threshold, so
 * that it is approved at once like any request within the threshold, or not made at all.
 */
export const AUTO_INCREASE_FROM_PERCENT = INCREASE_FROM_PERCENT;

/**
 * "Current" usage is the peak of the samples of the last five minutes, not the last sample alone:
 * the platform may send one sample every few minutes (any interval of at least a minute), and a
 * spike that has just passed is still the reason a caller heard busy.
 */
export const CURRENT_USAGE_MINUTES = 5;

/**
 * The start of the oldest minute slot that counts as current at `now`: the slots of the samples
 * whose interval ended within the last five minutes (a sample at 10:00 fills the slot 9:59).
 */
export function currentUsageSince(now: Date): Date {
  return new Date(Math.floor((now.getTime() - CURRENT_USAGE_MINUTES * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
}

/** Whether a peak has reached the level at which the tenant's limit is raised automatically. */
export function reachesAutoIncreaseLevel(peak: number | null, limit: number): boolean {
  if (peak === null || peak <= 0) return false;
  return peak * 100 >= AUTO_INCREASE_FROM_PERCENT * limit;
}

export type AutoIncreaseFacts = {
  /** The current concurrent peak (null: no sample in the last five minutes). */
  peak: number | null;
  /** The tenant's concurrent limit now. */
  limit: number;
  /** The tenant's daily threshold and the concurrent ports already approved automatically today. */
  threshold: number;
  usedToday: number;
};

export type AutoIncreaseDecision =
  | { kind: 'raise'; from: number; to: number; increase: number }
  | { kind: 'none'; why: 'no_usage' | 'below_level' | 'at_maximum' | 'threshold_used' };

/**
 * The automatic increase the facts call for: to the limit at which the peak would be 80 % (as the
 * right-sizing suggestion), but never more than the threshold has left today. Nothing when usage is
 * below 95 %, when the limit is already at the maximum, or when today's threshold is used up.
 */
export function automaticIncrease(facts: AutoIncreaseFacts): AutoIncreaseDecision {
  const { peak, limit } = facts;
  if (peak === null) return { kind: 'none', why: 'no_usage' };
  if (!reachesAutoIncreaseLevel(peak, limit)) return { kind: 'none', why: 'below_level' };
  const wanted = increaseTarget(peak, limit) - limit;
  if (wanted <= 0) return { kind: 'none', why: 'at_maximum' };
  const remaining = remainingToday(facts.threshold, facts.usedToday);
  if (remaining <= 0) return { kind: 'none', why: 'threshold_used' };
  const increase = Math.min(wanted, remaining);
  return { kind: 'raise', from: limit, to: limit + increase, increase };
}

type Holder = { permissions: ReadonlySet<Permission> };

/** Turning it on: a requester of the tenant (the caller's scope must hold the tenant as well). */
export const mayTurnOnAutoIncrease = (caller: Holder): boolean => canRequestChanges(caller);

/** Turning it off, at any time: the partner's requesters, or an Account Representative. */
export const mayTurnOffAutoIncrease = (caller: Holder): boolean => canRequestChanges(caller) || isAccountRep(caller);

/** Why the option was turned off, as the audit records it. */
export type AutoIncreaseOffCause = 'turned_off' | 'requester_not_permitted';
