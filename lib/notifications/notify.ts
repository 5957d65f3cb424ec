import type { Executor } from '@/db/client';
import type { ChangeRequestRow, TenantRow } from '@/db/schema';
import { insertNotifications } from '@/lib/data/notifications';
import { type NotificationKind, composeNotification } from './compose';

export type Notice = { kind: NotificationKind; to: 'requester' | 'rep' };

/**
 * Writes the in-app notifications (and so the e-mails to send) of a change, in its transaction.
 * The e-mail itself is composed when it is sent, so that it can carry the case number by then.
 */
export async function notify(
  tx: Executor,
  request: ChangeRequestRow,
  tenant: Pick<TenantRow, 'name' | 'accountRepEmail'>,
  notices: Notice[],
  now: Date,
): Promise<void> {
  await insertNotifications(
    tx,
    notices.map(({ kind, to }) => {
      const recipient = to === 'requester' ? request.requestedBy : tenant.accountRepEmail;
      const message = composeNotification(kind, factsOf(request, tenant.name), { inApp: true });
      return {
        recipient,
        requestId: request.id,
        kind,
        subject: message.subject,
        body: message.text,
        dedupeKey: `${request.id}:${kind}:${recipient.toLowerCase()}`,
        emailNextAttemptAt: now,
        createdAt: now,
      };
    }),
  );
}

export function factsOf(request: ChangeRequestRow, tenantName: string) {
  return {
    requestId: request.id,
    tenantName,
    changes: request.changes,
    caseNumber: request.caseNumber,
    requestedBy: request.requestedBy,
    reason: request.reason,
    justification: request.justification,
    decidedBy: request.decidedBy,
    decisionComment: request.decisionComment,
    revertAt: request.revertAt?.toISOString() ?? null,
    revertBlockedReason: request.revertBlockedReason,
  };
}
