import type { ChangeRequestRow, NotificationRow } from '@/db/schema';
import {
  type ComposeOptions,
  type ComposedMessage,
  type NotificationFacts,
  type Voice,
  composeNotification,
  composeUsageAlert,
  isTenantNotificationKind,
} from './compose';
import { notificationParams, readNotificationParams, readUsageAlertParams } from './params';

/**
 * The facts a stored notification tells: its own parameters, else (a row another release wrote
 * without them) its request's as they are now. The case number is always the request's, live.
 */
export function notificationFacts(
  row: Pick<NotificationRow, 'params' | 'requestId'>,
  request: ChangeRequestRow | null,
  tenantName: string | null,
): NotificationFacts | null {
  const params = readNotificationParams(row.params) ?? (request && tenantName !== null ? notificationParams(request, tenantName) : null);
  if (!params) return null;
  return { ...params, requestId: row.requestId ?? request?.id ?? '', caseNumber: request?.caseNumber ?? null };
}

/** The tenant a notification with no request is about (its page is where it links), else null. */
export function notificationTenantId(row: Pick<NotificationRow, 'kind' | 'params' | 'requestId'>): string | null {
  if (row.requestId || !isTenantNotificationKind(row.kind)) return null;
  return readUsageAlertParams(row.params)?.tenantId ?? null;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A stored notification in the reader's language: about a tenant (a usage alert) or about a request.
 * A row whose facts cannot be read (none is written so) keeps the text it was stored with, the only
 * words left of it.
 */
export function renderNotification(
  row: Pick<NotificationRow, 'kind' | 'params' | 'requestId' | 'subject' | 'body'>,
  request: ChangeRequestRow | null,
  tenantName: string | null,
  voice: Voice,
  options: ComposeOptions = {},
): ComposedMessage {
  const { kind } = row;
  if (isTenantNotificationKind(kind)) {
    const alert = readUsageAlertParams(row.params);
    if (alert) return composeUsageAlert(alert, voice, options);
  } else {
    const facts = notificationFacts(row, request, tenantName);
    if (facts) return composeNotification(kind, facts, voice, options);
  }
  const subject = row.subject || voice.t(`notifications.kind.${kind}.title`);
  const text = row.body ?? '';
  return { subject, text, html: text.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`).join('\n') };
}
