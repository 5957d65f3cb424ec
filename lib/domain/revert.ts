import type { DomainError } from './errors';
import { type Limits, type PortChanges, type PortType, PORT_LABELS, PORT_TYPES, applyChanges } from './ports';
import { checkResultingLimits } from './rules';

export type RevertInput = {
  /** The approved temporary request's changes (from → to). */
  changes: PortChanges;
  tenant: { personalConnectionEnabled: boolean; limits: Limits };
  /** Port types that approved changes decided after this one have touched. */
  touchedLater: readonly PortType[];
};

export type RevertPlan =
  | { ok: true; restore: PortChanges; resulting: Limits }
  | { ok: false; reason: string; violations: DomainError[] };

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
    return {
      ok: false,
      reason: `${moved.map((type) => PORT_LABELS[type]).join(' and ')} ports changed again after this temporary change, so the previous limits were not restored.`,
      violations: [],
    };
  }
  const restore: PortChanges = {};
  for (const type of types) restore[type] = { from: input.changes[type]!.to, to: input.changes[type]!.from };
  const resulting = applyChanges(input.tenant.limits, restore);
  const violations = checkResultingLimits(input.tenant, resulting);
  if (violations.length > 0) {
    return {
      ok: false,
      reason: `Restoring the previous limits would break a rule: ${violations.map((violation) => violation.code).join(' ')}`,
      violations,
    };
  }
  return { ok: true, restore, resulting };
}
