import { type Limits, PORT_TYPES, type PortChanges } from './ports';

/**
 * A tenant's limits as they were at each moment (issue 13 §3), for the step line of the usage charts.
 * Limits change only through approved requests (applied when decided) and the end of temporary
 * changes (reverted: the `from` values come back). Walking those changes backwards from today's
 * limits gives every earlier step.
 */
/** `requestId` lets a chart mark the request on its line. */
export type LimitChange = { at: Date; changes: PortChanges; direction: 'applied' | 'reverted'; requestId?: string };
export type LimitStep = { from: Date } & Limits;

/**
 * The steps in force over [windowStart, now]: the first starts at `windowStart` (the limits then),
 * each later one at a change inside the window. Changes after `now` are ignored.
 */
export function limitHistory(current: Limits, changes: readonly LimitChange[], windowStart: Date, now: Date): LimitStep[] {
  const newestFirst = changes
    .filter((change) => change.at.getTime() <= now.getTime())
    .toSorted((a, b) => b.at.getTime() - a.at.getTime());
  const steps: LimitStep[] = [];
  let after: Limits = { ...current };
  for (const change of newestFirst) {
    if (change.at.getTime() <= windowStart.getTime()) break;
    steps.push({ from: change.at, ...after });
    const before = { ...after };
    for (const type of PORT_TYPES) {
      const portChange = change.changes[type];
      if (!portChange) continue;
      before[type] = change.direction === 'applied' ? portChange.from : portChange.to;
    }
    after = before;
  }
  steps.push({ from: windowStart, ...after });
  // Oldest first; a change that moved nothing adds no step.
  return steps.reverse().filter((step, i, all) => i === 0 || PORT_TYPES.some((type) => step[type] !== all[i - 1]![type]));
}
