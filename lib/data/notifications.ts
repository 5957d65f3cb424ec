import 'server-only';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import type { FailureVerdict } from '@/lib/jobs/outbox-retry';
import { changeRequests, notifications, tenants, users, type ChangeRequestRow, type NotificationRow } from '@/db/schema';

export type NewNotification = typeof notifications.$inferInsert;

/** A notification already written for the same event and recipient is left as it is (dedupe key). */
export async function insertNotifications(tx: Executor, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey });
}

/** A notification with its request and tenant (absent when it names none), for the facts it did not store. */
export type NotificationWithRequest = { notification: NotificationRow; request: ChangeRequestRow | null; tenantName: string | null };

export async function listNotifications(db: Executor, recipient: string, limit: number): Promise<NotificationWithRequest[]> {
  return db
    .select({ notification: notifications, request: changeRequests, tenantName: tenants.name })
    .from(notifications)
    .leftJoin(changeRequests, eq(changeRequests.id, notifications.requestId))
    .leftJoin(tenants, eq(tenants.id, changeRequests.tenantId))
    .where(eq(notifications.recipient, recipient))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** The language and time zone a recipient chose, if the address is a user's (null: not a user). */
export async function getRecipientPreferences(db: Executor, email: string): Promise<{ locale: string | null; timeZone: string | null } | null> {
  const [row] = await db
    .select({ locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return row ?? null;
}

export async function countUnread(db: Executor, recipient: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipient, recipient), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the recipient's own notifications read (all of them when no ids are given). */
export async function markRead(db: Executor, recipient: string, ids: number[] | 'all', now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.recipient, recipient),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.length > 0 ? ids : [-1]),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Once a request is decided nobody has an approval left to give: every rep's unread "approval
 * requested" notification of it is marked read, in the decision's transaction.
 */
export async function settleApprovalRequests(tx: Executor, requestId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.requestId, requestId), eq(notifications.kind, 'approval_requested'), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function listRequestNotifications(db: Executor, requestId: string): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.requestId, requestId)).orderBy(notifications.id);
}

/** How long a claimed e-mail is left to its dispatcher before another may take it. */
const EMAIL_LEASE_MS = 2 * 60 * 1000;

/** Without a mailer (SMTP_URL unset) notifications stay in the app: their e-mails are skipped. */
export async function skipPendingEmails(db: Executor): Promise<number> {
  const skipped = await db
    .update(notifications)
    .set({ emailState: 'skipped' })
    .where(eq(notifications.emailState, 'pending'))
    .returning({ id: notifications.id });
  return skipped.length;
}

/** Claims due e-mails, oldest first, with a lease (SKIP LOCKED): two dispatchers never send one at once. */
export async function claimDueEmails(db: Database, now: Date, limit: number): Promise<NotificationRow[]> {
  const due = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.emailState, 'pending'), sql`${notifications.emailNextAttemptAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(notifications.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(notifications)
    .set({ emailNextAttemptAt: new Date(now.getTime() + EMAIL_LEASE_MS), emailAttempts: sql`${notifications.emailAttempts} + 1` })
    .where(inArray(notifications.id, due))
    .returning();
}

/** The request a notification is about, with its tenant's name. */
export async function getNotificationRequest(db: Executor, requestId: string): Promise<{ request: ChangeRequestRow; tenantName: string } | null> {
  const [row] = await db
    .select({ request: changeRequests, tenantName: tenants.name })
    .from(changeRequests)
    .innerJoin(tenants, eq(tenants.id, changeRequests.tenantId))
    .where(eq(changeRequests.id, requestId));
  return row ?? null;
}

export async function markEmailSent(db: Executor, id: number, sentAt: Date): Promise<void> {
  await db.update(notifications).set({ emailState: 'sent', emailSentAt: sentAt, emailLastError: null }).where(eq(notifications.id, id));
}

export async function markEmailFailed(db: Executor, id: number, verdict: FailureVerdict): Promise<void> {
  await db
    .update(notifications)
    .set(
      verdict.state === 'failed'
        ? { emailState: 'failed', emailLastError: verdict.lastError }
        : { emailLastError: verdict.lastError, emailNextAttemptAt: verdict.nextAttemptAt },
    )
    .where(eq(notifications.id, id));
}

/** Tries again at `nextAttemptAt` without counting the attempt (waiting for the case number). */
export async function postponeEmail(db: Executor, notification: Pick<NotificationRow, 'id' | 'emailAttempts'>, nextAttemptAt: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ emailNextAttemptAt: nextAttemptAt, emailAttempts: notification.emailAttempts - 1 })
    .where(eq(notifications.id, notification.id));
}
