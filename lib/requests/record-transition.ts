import type { Transaction } from '@/db/client';
import type { ChangeRequestRow, TenantRow } from '@/db/schema';
import { recordAudit } from '@/lib/data/audit';
import { type ChangeRequestPatch, updateRequest } from '@/lib/data/requests';
import type { LifecycleEvent, RequestStatus } from '@/lib/domain/lifecycle';
import { type Notice, notify } from '@/lib/notifications/notify';
import { type CaseOperation, enqueueCaseOperations } from '@/lib/salesforce/outbox';

export type Transition = {
  request: ChangeRequestRow;
  tenant: Pick<TenantRow, 'name' | 'accountRepEmail'>;
  event: LifecycleEvent;
  to: RequestStatus;
  actor: string;
  now: Date;
  patch?: ChangeRequestPatch;
  details?: Record<string, unknown>;
  caseOperations: CaseOperation[];
  notices: Notice[];
};

/**
 * What every transition of a stored request writes, in the caller's transaction: the new state, its
 * audit event, its case operations and its notifications.
 */
export async function recordTransition(tx: Transaction, transition: Transition): Promise<void> {
  const { request, now } = transition;
  const updated = await updateRequest(tx, request.id, { ...transition.patch, status: transition.to, updatedAt: now });
  await recordAudit(tx, {
    requestId: request.id,
    tenantId: request.tenantId,
    actor: transition.actor,
    action: transition.event,
    fromState: request.status,
    toState: transition.to,
    details: transition.details ?? {},
  });
  await enqueueCaseOperations(tx, request.id, transition.caseOperations, now);
  await notify(tx, updated, transition.tenant, transition.notices, now);
}
