import { type Limits, PORT_TYPES, type PortChanges, type PortType } from './ports';
import { utcDate } from './threshold';
import { HOUR_MS, type Peaks, type UsageSample } from './usage';

/**
 * Usage alerts (issue 13 §5): when a tenant's peak reaches 80, 95 or 100 % of a limit, the partner's
 * requesters and the tenant's Account Representative are told, at most once per level, tenant and
 * port type per UTC day, and not again until usage has dropped below the level. Pure: the use case
 * (lib/usage/usage-alerts.ts) reads the states, asks this module what changes, and writes it.
 *
 * Decisions:
 * - Each level of each tenant and port type is armed or reached: a sample at or above the level
 *   reaches it, a sample below it arms it again. So after a sample, exactly the levels at or below
 *   its percentage are reached.
 * - A sample that newly reaches several levels (a jump from 50 to 100 %) notifies once, at the
 *   highest of them not yet notified today; that notification counts for every level below it too
 *   (they are marked notified today), so a drop to 90 % and a rise to 96 % the same day says nothing
 *   new. The next UTC day (of `now`, when the notification is written) a re-crossing notifies again.
 * - The level is judged against the tenant's limit now, in whole numbers (peak × 100 ≥ level ×
 *   limit, i.e. `utilisationPercent` ≥ level without rounding error). A peak above a limit of 0 is
 *   100 % (calls are being refused); a peak of 0 on a limit of 0 is below every level.
 * - A port type the sample does not carry (outbound, agentless are optional) changes nothing.
 * - Samples older than ALERT_WINDOW_MS (a backfill, a late resend) change nothing and notify
 *   nothing: an alert tells what is happening now, and an old sample would judge a past peak against
 *   today's limit. The others are taken in time order, tenant by tenant.
 */
export const ALERT_LEVELS = [80, 95, 100] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_WINDOW_MS = HOUR_MS;

/** A level's state: reached since the last sample at or above it; the UTC day it last notified. */
export type AlertState = { reached: boolean; notifiedOn: string | null };
export const ARMED: AlertState = { reached: false, notifiedOn: null };

export type LevelStates = Record<AlertLevel, AlertState>;
const ALL_ARMED: LevelStates = { 80: ARMED, 95: ARMED, 100: ARMED };

/** Whether a peak reaches `level` % of a limit (exact: no floating point). */
export function reachesLevel(peak: number, limit: number, level: AlertLevel): boolean {
  if (limit <= 0) return peak > 0;
  return peak * 100 >= level * limit;
}

/**
 * One sample's effect on the levels of one port type: the levels it reaches become reached, the
 * others armed; the highest newly reached level not notified `today` notifies (null: none), and it
 * and every level below it are marked notified today. A null peak (no value of that type) changes
 * nothing; a sample that changes nothing answers the same `states` (most samples: cheap).
 */
export function stepAlert(states: LevelStates, peak: number | null, limit: number, today: string): { states: LevelStates; notify: AlertLevel | null } {
  if (peak === null) return { states, notify: null };
  let notify: AlertLevel | null = null;
  let changed = false;
  for (const level of ALERT_LEVELS) {
    const reached = reachesLevel(peak, limit, level);
    if (reached !== states[level].reached) changed = true;
    if (reached && !states[level].reached && states[level].notifiedOn !== today) notify = level;
  }
  if (!changed) return { states, notify: null };
  const next = {} as LevelStates;
  for (const level of ALERT_LEVELS) {
    next[level] = {
      reached: reachesLevel(peak, limit, level),
      notifiedOn: notify !== null && level <= notify ? today : states[level].notifiedOn,
    };
  }
  return { states: next, notify };
}

/** One level of one tenant's port type, as a string (a Map key). */
export const alertKey = (tenantId: string, type: PortType, level: AlertLevel) => `${tenantId}\u0000${type}\u0000${level}`;

/** A stored state: one row of usage_alerts. */
export type StoredAlertState = { tenantId: string; portType: PortType; level: AlertLevel } & AlertState;

/**
 * A level's state that changes: `before` as it was (the write is conditioned on it), `after` to
 * store; `stored` says whether `before` came from a stored row (else: no row, or one left unread).
 */
export type AlertChange = { tenantId: string; portType: PortType; level: AlertLevel; before: AlertState; after: AlertState; stored: boolean };

/** A notification to write: the sample that reached the level, against the limit it was judged by. */
export type UsageAlert = { tenantId: string; portType: PortType; level: AlertLevel; peak: number; limit: number; at: Date };

export type AlertPlan = { changes: AlertChange[]; alerts: UsageAlert[] };

const sameState = (a: AlertState, b: AlertState) => a.reached === b.reached && a.notifiedOn === b.notifiedOn;

type TenantStates = Partial<Record<PortType, Partial<LevelStates>>>;

/**
 * What a batch of samples changes: the stored states (a level without one is armed and never
 * notified) walked through the batch's recent samples in time order per tenant, against each
 * tenant's current limits (a tenant without limits is skipped). A state changed back and forth within
 * the batch is one change from where it was to where it ends.
 */
export function planUsageAlerts(
  samples: readonly UsageSample[],
  limits: ReadonlyMap<string, Limits>,
  stored: readonly StoredAlertState[],
  now: Date,
): AlertPlan {
  const today = utcDate(now);
  const oldest = now.getTime() - ALERT_WINDOW_MS;
  const storedOf = new Map<string, TenantStates>();
  for (const { tenantId, portType, level, reached, notifiedOn } of stored) {
    const tenant = storedOf.get(tenantId) ?? {};
    storedOf.set(tenantId, tenant);
    (tenant[portType] ??= {})[level] = { reached, notifiedOn };
  }
  const byTenant = new Map<string, UsageSample[]>();
  for (const sample of samples) {
    if (sample.at.getTime() < oldest || !limits.has(sample.tenantId)) continue;
    const list = byTenant.get(sample.tenantId);
    if (list) list.push(sample);
    else byTenant.set(sample.tenantId, [sample]);
  }
  const changes: AlertChange[] = [];
  const alerts: UsageAlert[] = [];
  for (const [tenantId, tenantSamples] of byTenant) {
    const limit = limits.get(tenantId)!;
    if (tenantSamples.length > 1) tenantSamples.sort((a, b) => a.at.getTime() - b.at.getTime());
    const tenantStored = storedOf.get(tenantId);
    for (const type of PORT_TYPES) {
      const known = tenantStored?.[type];
      const read: LevelStates = known ? { 80: known[80] ?? ARMED, 95: known[95] ?? ARMED, 100: known[100] ?? ARMED } : ALL_ARMED;
      let states = read;
      for (const sample of tenantSamples) {
        const peak = sample[type] ?? null;
        const step = stepAlert(states, peak, limit[type], today);
        states = step.states;
        if (step.notify !== null) alerts.push({ tenantId, portType: type, level: step.notify, peak: peak!, limit: limit[type], at: sample.at });
      }
      if (states === read) continue;
      for (const level of ALERT_LEVELS) {
        if (!sameState(read[level], states[level])) {
          changes.push({ tenantId, portType: type, level, before: read[level], after: states[level], stored: known?.[level] !== undefined });
        }
      }
    }
  }
  return { changes, alerts };
}

/**
 * A day before a temporary change ends, its requester is warned if the tenant's peak of this many
 * recent days (from the start of the UTC day this many days ago) is above a limit it returns to.
 */
export const REVERT_WARNING_PEAK_DAYS = 7;

/** A port type whose recent peak is above the limit a temporary change returns it to. */
export type UsageAbove = { portType: PortType; limit: number; peak: number };

/**
 * The port types a temporary change restores to a limit below the tenant's recent peak (the warning
 * a day before it ends): each changed type returns to its `from`.
 */
export function usageAboveRestoredLimits(changes: PortChanges, peaks: Peaks | undefined): UsageAbove[] {
  if (!peaks) return [];
  return PORT_TYPES.flatMap((portType) => {
    const change = changes[portType];
    const peak = peaks[portType];
    return change && peak !== null && peak > change.from ? [{ portType, limit: change.from, peak }] : [];
  });
}

