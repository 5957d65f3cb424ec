import type { NotificationRow } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { countUnread, listNotifications, markRead } from '@/lib/data/notifications';
import type { UseCaseContext } from '@/lib/requests/context';

export type NotificationView = {
  id: number;
  kind: NotificationRow['kind'];
  subject: string;
  body: string;
  requestId: string | null;
  createdAt: string;
  read: boolean;
};

export type Inbox = { items: NotificationView[]; unread: number };

const INBOX_SIZE = 30;

function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}

/** Everyone signed in has an inbox: it holds only what was addressed to them. */
export async function getInbox(ctx: UseCaseContext, caller: Caller): Promise<Inbox> {
  const [rows, unread] = await Promise.all([
    listNotifications(ctx.db, caller.email, INBOX_SIZE),
    countUnread(ctx.db, caller.email),
  ]);
  return { items: rows.map(toNotificationView), unread };
}

export async function markNotificationsRead(ctx: UseCaseContext, caller: Caller, ids: number[] | 'all'): Promise<Inbox> {
  await markRead(ctx.db, caller.email, ids, ctx.clock());
  return getInbox(ctx, caller);
}
