import type { ChangeRequestRow, NotificationRow } from '@/db/schema';
import { type ComposeOptions, type ComposedMessage, type NotificationFacts, type Voice, composeNotification } from './compose';
import { notificationParams, readNotificationParams } from './params';

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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A stored notification in the reader's language. A row with neither parameters nor request
 * (none is written so) keeps the text it was stored with, the only words left of it.
 */
export function renderNotification(
  row: Pick<NotificationRow, 'kind' | 'params' | 'requestId' | 'subject' | 'body'>,
  request: ChangeRequestRow | null,
  tenantName: string | null,
  voice: Voice,
  options: ComposeOptions = {},
): ComposedMessage {
  const facts = notificationFacts(row, request, tenantName);
  if (facts) return composeNotification(row.kind, facts, voice, options);
  const subject = row.subject || voice.t(`notifications.kind.${row.kind}.title`);
  const text = row.body ?? '';
  return { subject, text, html: text.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`).join('\n') };
}
