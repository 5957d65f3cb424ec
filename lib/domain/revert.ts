import type { DomainError } from './errors';
import { type Limits, type PortChanges, type PortType, PORT_TYPES, applyChanges, isPortType } from './ports';
import { checkResultingLimits } from './rules';

export type RevertInput = {
  /** The approved temporary request's changes (from → to). */
  changes: PortChanges;
  tenant: { personalConnectionEnabled: boolean; limits: Limits };
  /** Port types that approved changes decided after this one have touched. */
  touchedLater: readonly PortType[];
};

/** Why a temporary change ended without its limits restored: a code, worded where it is read. */
export type RevertBlockedReason =
  | { code: 'ports_moved'; types: PortType[] }
  | { code: 'rule_broken'; violation: DomainError }
  /** Recorded before reasons were codes: the sentence is gone, the fact remains. */
  | { code: 'rule_unknown' };

export type RevertPlan =
  | { ok: true; restore: PortChanges; resulting: Limits }
  | { ok: false; reason: RevertBlockedReason; violations: DomainError[] };

/**
 * When a temporary change ends, put back what it changed — but never guess: if anything has moved
 * that port since, or the old values would now break a rule, leave the limits alone and say why.
 */
export function planRevert(input: RevertInput): RevertPlan {
  const types = PORT_TYPES.filter((type) => input.changes[type]);
  const moved = types.filter(
    (type) => input.touchedLater.includes(type) || input.tenant.limits[type] !== input.changes[type]!.to,
  );
  if (moved.length > 0) {
    return { ok: false, reason: { code: 'ports_moved', types: moved }, violations: [] };
  }
  const restore: PortChanges = {};
  for (const type of types) restore[type] = { from: input.changes[type]!.to, to: input.changes[type]!.from };
  const resulting = applyChanges(input.tenant.limits, restore);
  const violations = checkResultingLimits(input.tenant, resulting);
  if (violations.length > 0) {
    return { ok: false, reason: { code: 'rule_broken', violation: violations[0]! }, violations };
  }
  return { ok: true, restore, resulting };
}

/** The reason as the request row keeps it (`revert_blocked_reason`, JSON text). */
export function serializeRevertBlockedReason(reason: RevertBlockedReason): string {
  return JSON.stringify(reason);
}

/** A stored reason; anything unreadable is `rule_unknown` rather than an error on a page. */
export function parseRevertBlockedReason(stored: string): RevertBlockedReason {
  try {
    const value = JSON.parse(stored) as Partial<Record<string, unknown>>;
    if (value.code === 'ports_moved' && Array.isArray(value.types)) return { code: 'ports_moved', types: value.types.filter(isPortType) };
    if (value.code === 'rule_broken' && typeof value.violation === 'object' && value.violation !== null) {
      return { code: 'rule_broken', violation: value.violation as DomainError };
    }
  } catch {
    // Not JSON: fall through.
  }
  return { code: 'rule_unknown' };
}
