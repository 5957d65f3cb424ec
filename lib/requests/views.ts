import type { AuditEventRow, CaseOperationRow, ChangeRequestRow, NotificationRow, TenantRow } from '@/db/schema';
import type { RequestStatus } from '@/lib/domain/lifecycle';
import { type Limits, type PortChanges, limitsOf } from '@/lib/domain/ports';

/** SPEC §5: a request as it leaves the server, by the API and to client components alike. */
export type RequestView = {
  id: string;
  tenantId: string;
  status: RequestStatus;
  caseNumber: string | null;
  changes: PortChanges;
  reason: string;
  justification: string | null;
  revertAt: string | null;
  requestedBy: string;
  /** Submitted by SSPM on the requester's behalf when usage reached 95 % (issue 13 §7). */
  automatic: boolean;
  createdAt: string;
  updatedAt: string;
  decision: { by: string; at: string; comment: string | null } | null;
};

export type TenantView = {
  id: string;
  name: string;
  parentId: string | null;
  personalConnectionEnabled: boolean;
  monitoringGatewayEnabled: boolean;
  limits: Limits;
  openRequestId: string | null;
};

export type AuditView = {
  id: number;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  details: Record<string, unknown>;
  at: string;
};

export function toRequestView(row: ChangeRequestRow): RequestView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    status: row.status,
    caseNumber: row.caseNumber,
    changes: row.changes,
    reason: row.reason,
    justification: row.justification,
    revertAt: row.revertAt?.toISOString() ?? null,
    requestedBy: row.requestedBy,
    automatic: row.automatic,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    decision:
      row.decidedBy && row.decidedAt
        ? { by: row.decidedBy, at: row.decidedAt.toISOString(), comment: row.decisionComment }
        : null,
  };
}

export function toTenantView(row: TenantRow & { openRequestId: string | null }): TenantView {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    personalConnectionEnabled: row.personalConnectionEnabled,
    monitoringGatewayEnabled: row.monitoringGatewayEnabled,
    limits: limitsOf(row),
    openRequestId: row.openRequestId,
  };
}

export function toAuditView(row: AuditEventRow): AuditView {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action,
    fromState: row.fromState,
    toState: row.toState,
    details: row.details,
    at: row.at.toISOString(),
  };
}

/** One line of a request's history on its page: a transition, a case message or a notification. */
export type HistoryEntry =
  | { type: 'audit'; key: string; at: string; event: AuditView }
  | { type: 'case'; key: string; at: string; operation: 'open' | 'comment' | 'close'; state: 'sent' | 'waiting' | 'failed' }
  | { type: 'notification'; key: string; at: string; recipient: string; kind: NotificationRow['kind']; email: 'pending' | 'sent' | 'failed' | 'skipped' };

/** Everything that happened to a request, in the order it happened (ties keep audit, case, notification order). */
export function toHistory(audit: AuditEventRow[], operations: CaseOperationRow[], notifications: NotificationRow[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...audit.map((row) => ({ type: 'audit' as const, key: `audit-${row.id}`, at: row.at.toISOString(), event: toAuditView(row) })),
    ...operations.map((row) => ({
      type: 'case' as const,
      key: `case-${row.id}`,
      at: (row.sentAt ?? row.createdAt).toISOString(),
      operation: row.kind,
      state: row.state === 'sent' ? ('sent' as const) : row.state === 'failed' ? ('failed' as const) : ('waiting' as const),
    })),
    ...notifications.map((row) => ({
      type: 'notification' as const,
      key: `notification-${row.id}`,
      at: row.createdAt.toISOString(),
      recipient: row.recipient,
      kind: row.kind,
      email: row.emailState,
    })),
  ];
  // A stable sort: entries at the same instant keep the order above.
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
