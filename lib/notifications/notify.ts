import type { Executor } from '@/db/client';
import type { ChangeRequestRow, TenantRow } from '@/db/schema';
import { insertNotifications } from '@/lib/data/notifications';
import type { RequestNotificationKind } from './compose';
import { type NotificationParams, notificationParams } from './params';

/**
 * `event` names what the dedupe key counts once per recipient, when it is not the kind itself
 * (the warning a day before a temporary change ends is one event, whichever kind words it).
 */
export type Notice = { kind: RequestNotificationKind; to: 'requester' | 'rep'; event?: string };

/**
 * Writes the in-app notifications (and so the e-mails to send) of a change, in its transaction.
 * A notification is stored as its kind and the facts it tells (STYLE §16): each reader's language
 * words it when it is read, and the e-mail is composed when it is sent, in the recipient's language
 * and with the case number by then.
 */
export async function notify(
  tx: Executor,
  request: ChangeRequestRow,
  tenant: Pick<TenantRow, 'name' | 'accountRepEmail'>,
  notices: Notice[],
  now: Date,
  extra: Pick<NotificationParams, 'usageAbove'> = {},
): Promise<void> {
  const params = { ...notificationParams(request, tenant.name), ...extra };
  await insertNotifications(
    tx,
    notices.map(({ kind, to, event = kind }) => {
      const recipient = to === 'requester' ? request.requestedBy : tenant.accountRepEmail;
      return {
        recipient,
        requestId: request.id,
        kind,
        params,
        dedupeKey: `${request.id}:${event}:${recipient.toLowerCase()}`,
        emailNextAttemptAt: now,
        createdAt: now,
      };
    }),
  );
}
