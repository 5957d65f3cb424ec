import type { NotificationRow } from '@/db/schema';
import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import { PORT_TYPES, type PortChanges } from '@/lib/domain/ports';
import { DEFAULT_TIME_ZONE, type Locale, isTimeZone } from '@/lib/i18n/locales';
import { renderRevertBlocked } from '@/lib/i18n/render-revert-blocked';
import { type Formatter, type Translator, formatterFor, translatorFor } from '@/lib/i18n/translate';
import type { NotificationParams } from './params';

export type NotificationKind = NotificationRow['kind'];

/** What a message says about its request: the stored parameters, the request and its live case number. */
export type NotificationFacts = NotificationParams & {
  requestId: string;
  /** Null while the case desk has not answered yet ("pending" in an e-mail; the app leaves it out). */
  caseNumber: string | null;
};

/** A reader's language and time zone, ready to word messages; make one per reader, not per message. */
export type Voice = { locale: Locale; t: Translator; format: Formatter };

export function voiceFor(locale: Locale, timeZone: string | null | undefined): Voice {
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  return { locale, t: translatorFor(locale, zone), format: formatterFor(locale, zone) };
}

export type ComposedMessage = { subject: string; text: string; html: string };

function changeList({ t, format }: Voice, changes: PortChanges): string {
  const items = PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [t('common.change', { port: t(`common.port.${type}`), from: change.from, to: change.to })] : [];
  });
  return format.list(items, { type: 'unit' });
}

/** The title and the kind's own lines; empty lines are left out by the caller. */
function headline(voice: Voice, kind: NotificationKind, f: NotificationFacts): { title: string; lines: string[] } {
  const { t, format } = voice;
  const tenant = f.tenantName;
  const title = t(`notifications.kind.${kind}.title`);
  switch (kind) {
    case 'submitted':
    case 'cancelled':
    case 'reverted':
      return { title, lines: [t(`notifications.kind.${kind}.body`, { tenant })] };
    case 'information_needed':
      return { title, lines: [t('notifications.kind.information_needed.body', { tenant }), t('notifications.kind.information_needed.ask')] };
    case 'approval_requested':
      return {
        title,
        lines: [
          t('notifications.kind.approval_requested.body', { tenant, requestedBy: f.requestedBy }),
          f.justification ? t('notifications.kind.approval_requested.justification', { justification: f.justification }) : '',
        ],
      };
    case 'approved': {
      const auto = !f.decidedBy || f.decidedBy === AUTO_DECIDER;
      return {
        title,
        lines: [
          t('notifications.kind.approved.body', { tenant, decider: auto ? 'auto' : 'person', decidedBy: f.decidedBy ?? '' }),
          // An automatic approval's comment is SSPM's own ("within the threshold"), which the line above already says.
          !auto && f.decisionComment ? t('notifications.kind.approved.comment', { comment: f.decisionComment }) : '',
        ],
      };
    }
    case 'rejected':
      return {
        title,
        lines: [
          t('notifications.kind.rejected.body', { tenant, decider: f.decidedBy ? 'person' : 'unknown', decidedBy: f.decidedBy ?? '' }),
          t('notifications.kind.rejected.comment', { comment: f.decisionComment ?? '—' }),
        ],
      };
    case 'revert_due_soon': {
      const revertAt = f.revertAt ? new Date(f.revertAt) : null;
      const known = revertAt !== null && !Number.isNaN(revertAt.getTime());
      return {
        title,
        lines: [
          t('notifications.kind.revert_due_soon.body', {
            tenant,
            end: known ? 'known' : 'unknown',
            revertAt: known ? format.dateTime(revertAt, 'dateTime') : '',
          }),
        ],
      };
    }
    case 'revert_blocked':
      return {
        title,
        lines: [
          t('notifications.kind.revert_blocked.body', { tenant }),
          f.revertBlockedReason ? renderRevertBlocked(t, format, f.revertBlockedReason) : '',
          t('notifications.kind.revert_blocked.followUp'),
        ],
      };
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export type ComposeOptions = {
  /** The app's public URL, for a link to the request. */
  appUrl?: string;
  /** In the app the request page shows the live case number, so the message leaves it out. */
  inApp?: boolean;
};

/**
 * A notification in the reader's language, as plain text and HTML; an e-mail names the request's
 * case number (or that it is pending). Dates are written in the reader's time zone.
 */
export function composeNotification(
  kind: NotificationKind,
  facts: NotificationFacts,
  voice: Voice,
  options: ComposeOptions = {},
): ComposedMessage {
  const { t } = voice;
  const { title, lines } = headline(voice, kind, facts);
  const tenant = facts.tenantName;
  const subject = options.inApp
    ? t('notifications.subject', { title, tenant })
    : t('notifications.emailSubject', {
        title,
        tenant,
        caseLabel: facts.caseNumber ? t('notifications.caseLabel', { caseNumber: facts.caseNumber }) : t('notifications.casePending'),
      });
  const link = options.appUrl ? `${options.appUrl.replace(/\/$/, '')}/requests/${facts.requestId}` : null;
  const detailsLine = link ? t('notifications.details', { link }) : null;
  const body = [
    ...lines.filter(Boolean),
    t('notifications.changes', { changes: changeList(voice, facts.changes) }),
    t('notifications.reason', { reason: facts.reason }),
    ...(options.inApp
      ? []
      : [facts.caseNumber ? t('notifications.salesforceCase', { caseNumber: facts.caseNumber }) : t('notifications.salesforceCasePending')]),
    ...(detailsLine ? [detailsLine] : []),
  ];
  const html = [
    `<div lang="${voice.locale}">`,
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>`,
    ...body.map((line) =>
      line === detailsLine && link
        ? `<p><a href="${escapeHtml(link)}">${escapeHtml(t('notifications.viewRequest'))}</a></p>`
        : `<p>${escapeHtml(line)}</p>`,
    ),
    '</div>',
  ].join('\n');
  return { subject, text: body.join('\n'), html };
}
