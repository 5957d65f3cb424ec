import type { Database } from '@/db/client';
import type { NotificationRow } from '@/db/schema';
import {
  claimDueEmails,
  getNotificationRequest,
  getRecipientPreferences,
  markEmailFailed,
  markEmailSent,
  postponeEmail,
  skipPendingEmails,
} from '@/lib/data/notifications';
import { type DeliveryFailure, UNEXPECTED_DELIVERY_ERROR, afterFailure } from '@/lib/jobs/outbox-retry';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale, pickLocale } from '@/lib/i18n/locales';
import { isTenantNotificationKind, voiceFor } from './compose';
import { type Mailer, MailerError } from './mailer';
import { renderNotification } from './render';

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
    report.skipped = await skipPendingEmails(db);
    return report;
  }
  for (;;) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) return report;
    const claimed = await claimDueEmails(db, now(), options.batchSize ?? 20);
    if (claimed.length === 0) return report;
    for (const notification of claimed) report[await deliver(db, mailer, notification, now(), options.appUrl)] += 1;
  }
}

/** A mail server's failure in the outbox's terms; SMTP answers are final, so no outcome is unknown. */
export function mailFailure(error: unknown): DeliveryFailure {
  if (!(error instanceof MailerError)) return { retryable: true, outcomeUnknown: false, message: UNEXPECTED_DELIVERY_ERROR };
  return { retryable: error.retryable, outcomeUnknown: false, message: error.message };
}

async function deliver(
  db: Database,
  mailer: Mailer,
  notification: NotificationRow,
  now: Date,
  appUrl?: string,
): Promise<keyof EmailReport> {
  // A notice about a tenant (a usage alert) has no request, so no case number to wait for.
  const aboutTenant = isTenantNotificationKind(notification.kind);
  const row = notification.requestId ? await getNotificationRequest(db, notification.requestId) : null;
  if (!row && !aboutTenant) {
    await markEmailFailed(db, notification.id, { state: 'failed', lastError: 'The request is gone.' });
    return 'failed';
  }
  const waitedMs = now.getTime() - notification.createdAt.getTime();
  if (row && !row.request.caseNumber && waitedMs < CASE_NUMBER_WAIT_MS) {
    // Give the case desk a moment, so the e-mail can name the case; the attempt does not count.
    await postponeEmail(db, notification, new Date(now.getTime() + CASE_NUMBER_POLL_MS));
    return 'waiting';
  }
  // Worded now, in the recipient's language and time zone as they are now (a stranger: English, UTC).
  const { locale, timeZone } = await recipientPreferences(db, notification.recipient);
  const message = renderNotification(notification, row?.request ?? null, row?.tenantName ?? null, voiceFor(locale, timeZone), { appUrl });
  try {
    await mailer.send({ to: notification.recipient, ...message, messageId: `<notification-${notification.id}@sspm>` });
    await markEmailSent(db, notification.id, now);
    return 'sent';
  } catch (error) {
    const failure = mailFailure(error);
    console.error(`e-mail of notification ${notification.id} failed${failure.retryable ? ', will retry' : ' for good'}:`, error);
    const verdict = afterFailure(failure, notification.emailAttempts, now);
    await markEmailFailed(db, notification.id, verdict);
    return verdict.state === 'failed' ? 'failed' : 'retrying';
  }
}

async function recipientPreferences(db: Database, email: string): Promise<{ locale: Locale; timeZone: string }> {
  const user = await getRecipientPreferences(db, email);
  return { locale: user ? pickLocale(user.locale) : DEFAULT_LOCALE, timeZone: user?.timeZone ?? DEFAULT_TIME_ZONE };
}
