import type { ChangeRequestRow } from '@/db/schema';
import { type PortChanges, type PortType, isPortType } from '@/lib/domain/ports';
import { type RevertBlockedReason, parseRevertBlockedReason } from '@/lib/domain/revert';
import { ALERT_LEVELS, type AlertLevel, type UsageAbove } from '@/lib/domain/usage-alerts';

/**
 * What a notification says about its request, as it was when the notification was written
 * (`notifications.params`): the facts, never a sentence. Each reader's language words them when
 * the notification is read or e-mailed. The case number is not here: it is read live from the
 * request, since the case desk assigns it after the notification is written.
 */
export type NotificationParams = {
  tenantName: string;
  changes: PortChanges;
  requestedBy: string;
  reason: string;
  justification: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
  /** ISO instant. */
  revertAt: string | null;
  revertBlockedReason: RevertBlockedReason | null;
  /**
   * revert_above_usage: the port types whose peak of the last days is above the limit the temporary
   * change returns them to. Absent from every other kind.
   */
  usageAbove?: UsageAbove[];
};

/**
 * What a tenant's notice with no request says (`usage_alert`, issue 13 §5): the tenant's peak of a
 * port type reached `level` % of its limit at `at` (ISO instant).
 */
export type UsageAlertParams = {
  tenantId: string;
  tenantName: string;
  portType: PortType;
  level: AlertLevel;
  peak: number;
  limit: number;
  at: string;
};

/** As the column holds it: `{}` for a row written before the column existed and not migrated yet. */
export type StoredNotificationParams = Partial<NotificationParams & UsageAlertParams>;

/** The snapshot of a request's facts that a new notification stores. */
export function notificationParams(request: ChangeRequestRow, tenantName: string): NotificationParams {
  return {
    tenantName,
    changes: request.changes,
    requestedBy: request.requestedBy,
    reason: request.reason,
    justification: request.justification,
    decidedBy: request.decidedBy,
    decisionComment: request.decisionComment,
    revertAt: request.revertAt?.toISOString() ?? null,
    revertBlockedReason: request.revertBlockedReason ? parseRevertBlockedReason(request.revertBlockedReason) : null,
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function changesOf(value: unknown): PortChanges {
  if (typeof value !== 'object' || value === null) return {};
  const changes: PortChanges = {};
  for (const [type, change] of Object.entries(value)) {
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    if (isPortType(type) && typeof from === 'number' && typeof to === 'number') changes[type] = { from, to };
  }
  return changes;
}

function revertBlockedOf(value: unknown): RevertBlockedReason | null {
  if (value === null || value === undefined) return null;
  return parseRevertBlockedReason(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * The stored parameters of a row, checked field by field (the column is JSON: a row another
 * release wrote may lack a field). Null when they name no tenant, i.e. nothing was stored: the
 * caller then falls back to the live request.
 */
export function readNotificationParams(stored: unknown): NotificationParams | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const value = stored as Record<string, unknown>;
  const tenantName = text(value.tenantName);
  if (tenantName === null) return null;
  return {
    tenantName,
    changes: changesOf(value.changes),
    requestedBy: text(value.requestedBy) ?? '',
    reason: text(value.reason) ?? '',
    justification: text(value.justification),
    decidedBy: text(value.decidedBy),
    decisionComment: text(value.decisionComment),
    revertAt: text(value.revertAt),
    revertBlockedReason: revertBlockedOf(value.revertBlockedReason),
    ...(Array.isArray(value.usageAbove) ? { usageAbove: value.usageAbove.flatMap(usageAboveOf) } : {}),
  };
}

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);

function usageAboveOf(value: unknown): UsageAbove[] {
  if (typeof value !== 'object' || value === null) return [];
  const { portType, limit, peak } = value as Record<string, unknown>;
  const [l, p] = [count(limit), count(peak)];
  return isPortType(portType) && l !== null && p !== null ? [{ portType, limit: l, peak: p }] : [];
}

/** The stored parameters of a `usage_alert` row, checked field by field; null when one is missing. */
export function readUsageAlertParams(stored: unknown): UsageAlertParams | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const value = stored as Record<string, unknown>;
  const [tenantId, tenantName, at] = [text(value.tenantId), text(value.tenantName), text(value.at)];
  const [peak, limit] = [count(value.peak), count(value.limit)];
  const level = ALERT_LEVELS.find((candidate) => candidate === value.level);
  if (tenantId === null || tenantName === null || at === null || peak === null || limit === null || level === undefined) return null;
  if (!isPortType(value.portType)) return null;
  return { tenantId, tenantName, portType: value.portType, level, peak, limit, at };
}
