import type { NotificationRow } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { type NotificationWithRequest, countUnread, listNotifications, markRead } from '@/lib/data/notifications';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import type { UseCaseContext } from '@/lib/use-case-context';
import { type Voice, voiceFor } from './compose';
import { notificationTenantId, renderNotification } from './render';

export type NotificationView = {
  id: number;
  kind: NotificationRow['kind'];
  /** Worded when read, in the reader's language. */
  subject: string;
  body: string;
  requestId: string | null;
  /** The tenant a notice with no request is about (a usage alert): it links to the tenant's page. */
  tenantId: string | null;
  createdAt: string;
  read: boolean;
};

export type Inbox = { items: NotificationView[]; unread: number };

/** Who reads the inbox: the language and time zone its notifications are worded in. */
export type InboxReader = { locale: Locale; timeZone: string | null };

const INBOX_SIZE = 30;

function toNotificationView({ notification: row, request, tenantName }: NotificationWithRequest, voice: Voice): NotificationView {
  const message = renderNotification(row, request, tenantName, voice, { inApp: true });
  return {
    id: row.id,
    kind: row.kind,
    subject: message.subject,
    body: message.text,
    requestId: row.requestId,
    tenantId: notificationTenantId(row),
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}

/** Everyone signed in has an inbox: it holds only what was addressed to them, worded for them. */
export async function getInbox(ctx: UseCaseContext, caller: Caller, reader?: InboxReader): Promise<Inbox> {
  const [rows, unread] = await Promise.all([
    listNotifications(ctx.db, caller.email, INBOX_SIZE),
    countUnread(ctx.db, caller.email),
  ]);
  const { locale, timeZone } = reader ?? { locale: caller.locale ?? DEFAULT_LOCALE, timeZone: caller.timeZone };
  const voice = voiceFor(locale, timeZone);
  return { items: rows.map((row) => toNotificationView(row, voice)), unread };
}

export async function markNotificationsRead(ctx: UseCaseContext, caller: Caller, ids: number[] | 'all', reader?: InboxReader): Promise<Inbox> {
  await markRead(ctx.db, caller.email, ids, ctx.clock());
  return getInbox(ctx, caller, reader);
}
