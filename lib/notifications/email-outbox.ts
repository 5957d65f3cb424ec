import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { changeRequests, notifications, tenants, type NotificationRow } from '@/db/schema';
import { retryDelayMs } from '@/lib/salesforce/outbox';
import { composeNotification } from './compose';
import { type Mailer, MailerError } from './mailer';
import { factsOf } from './notify';

const LEASE_MS = 2 * 60 * 1000;
/** An e-mail waits this long for its request's case number before it goes out saying "pending". */
const CASE_NUMBER_WAIT_MS = 30 * 60 * 1000;
const CASE_NUMBER_POLL_MS = 60 * 1000;

export type EmailReport = { sent: number; waiting: number; retrying: number; failed: number; skipped: number };

export type EmailDispatchOptions = { now?: () => Date; deadline?: number; batchSize?: number; appUrl?: string };

/**
 * Sends the e-mails of pending notifications. Claiming takes a lease (SKIP LOCKED), so several
 * dispatchers never send one twice at once; the Message-ID is the notification's, so that even a
 * resend after a crash between sending and recording reads as one message in the recipient's client.
 * Without a mailer (SMTP_URL unset) notifications stay in-app only.
 */
export async function dispatchEmails(db: Database, mailer: Mailer | null, options: EmailDispatchOptions = {}): Promise<EmailReport> {
  const now = options.now ?? (() => new Date());
  const report: EmailReport = { sent: 0, waiting: 0, retrying: 0, failed: 0, skipped: 0 };
  if (!mailer) {
    const skipped = await db
      .update(notifications)
      .set({ emailState: 'skipped' })
      .where(eq(notifications.emailState, 'pending'))
      .returning({ id: notifications.id });
    report.skipped = skipped.length;
    return report;
  }
  for (;;) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) return report;
    const claimed = await claimDue(db, now(), options.batchSize ?? 20);
    if (claimed.length === 0) return report;
    for (const notification of claimed) report[await deliver(db, mailer, notification, now(), options.appUrl)] += 1;
  }
}

async function claimDue(db: Database, now: Date, limit: number): Promise<NotificationRow[]> {
  const due = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.emailState, 'pending'), sql`${notifications.emailNextAttemptAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(notifications.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(notifications)
    .set({ emailNextAttemptAt: new Date(now.getTime() + LEASE_MS), emailAttempts: sql`${notifications.emailAttempts} + 1` })
    .where(inArray(notifications.id, due))
    .returning();
}

async function deliver(
  db: Database,
  mailer: Mailer,
  notification: NotificationRow,
  now: Date,
  appUrl?: string,
): Promise<keyof EmailReport> {
  const [row] = notification.requestId
    ? await db
        .select({ request: changeRequests, tenantName: tenants.name })
        .from(changeRequests)
        .innerJoin(tenants, eq(tenants.id, changeRequests.tenantId))
        .where(eq(changeRequests.id, notification.requestId))
    : [];
  if (!row) {
    await db.update(notifications).set({ emailState: 'failed', emailLastError: 'The request is gone.' }).where(eq(notifications.id, notification.id));
    return 'failed';
  }
  const waitedMs = now.getTime() - notification.createdAt.getTime();
  if (!row.request.caseNumber && waitedMs < CASE_NUMBER_WAIT_MS) {
    // Give the case desk a moment, so the e-mail can name the case; the attempt does not count.
    await db
      .update(notifications)
      .set({ emailNextAttemptAt: new Date(now.getTime() + CASE_NUMBER_POLL_MS), emailAttempts: notification.emailAttempts - 1 })
      .where(eq(notifications.id, notification.id));
    return 'waiting';
  }
  const message = composeNotification(notification.kind, factsOf(row.request, row.tenantName), { appUrl });
  try {
    await mailer.send({ to: notification.recipient, ...message, messageId: `<notification-${notification.id}@sspm>` });
    await db
      .update(notifications)
      .set({ emailState: 'sent', emailSentAt: now, emailLastError: null })
      .where(eq(notifications.id, notification.id));
    return 'sent';
  } catch (error) {
    const retryable = !(error instanceof MailerError) || error.retryable;
    const reason = error instanceof MailerError ? error.message : 'Unexpected error; the server log has the detail.';
    console.error(`e-mail of notification ${notification.id} failed${retryable ? ', will retry' : ' for good'}:`, error);
    await db
      .update(notifications)
      .set(
        retryable
          ? { emailLastError: reason, emailNextAttemptAt: new Date(now.getTime() + retryDelayMs(notification.emailAttempts)) }
          : { emailLastError: reason, emailState: 'failed' },
      )
      .where(eq(notifications.id, notification.id));
    return retryable ? 'retrying' : 'failed';
  }
}
