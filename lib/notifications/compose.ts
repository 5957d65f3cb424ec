import type { NotificationRow } from '@/db/schema';
import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import { PORT_TYPES, type PortChanges } from '@/lib/domain/ports';
import { DEFAULT_TIME_ZONE, type Locale, isTimeZone } from '@/lib/i18n/locales';
import { renderRevertBlocked } from '@/lib/i18n/render-revert-blocked';
import { type Formatter, type Translator, formatterFor, translatorFor } from '@/lib/i18n/translate';
import { REVERT_WARNING_PEAK_DAYS } from '@/lib/domain/usage-alerts';
import type { NotificationParams, UsageAlertParams } from './params';

export type NotificationKind = NotificationRow['kind'];

/** Kinds about a tenant, not a request (`request_id` null): their facts are UsageAlertParams. */
export const TENANT_NOTIFICATION_KINDS = ['usage_alert'] as const satisfies readonly NotificationKind[];
export type TenantNotificationKind = (typeof TENANT_NOTIFICATION_KINDS)[number];
export type RequestNotificationKind = Exclude<NotificationKind, TenantNotificationKind>;

export function isTenantNotificationKind(kind: NotificationKind): kind is TenantNotificationKind {
  return (TENANT_NOTIFICATION_KINDS as readonly NotificationKind[]).includes(kind);
}

export function isRequestNotificationKind(kind: NotificationKind): kind is RequestNotificationKind {
  return !isTenantNotificationKind(kind);
}

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

/** When a temporary change ends, in the reader's time zone ("unknown" for a row without it). */
function revertEnd({ format }: Voice, iso: string | null): { end: 'known' | 'unknown'; revertAt: string } {
  const revertAt = iso ? new Date(iso) : null;
  const known = revertAt !== null && !Number.isNaN(revertAt.getTime());
  return { end: known ? 'known' : 'unknown', revertAt: known ? format.dateTime(revertAt, 'dateTime') : '' };
}

/** The title and the kind's own lines; empty lines are left out by the caller. */
function headline(voice: Voice, kind: RequestNotificationKind, f: NotificationFacts): { title: string; lines: string[] } {
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
    case 'revert_due_soon':
      return { title, lines: [t('notifications.kind.revert_due_soon.body', { tenant, ...revertEnd(voice, f.revertAt) })] };
    case 'revert_above_usage':
      return {
        title,
        lines: [
          t('notifications.kind.revert_above_usage.body', { tenant, days: REVERT_WARNING_PEAK_DAYS, ...revertEnd(voice, f.revertAt) }),
          ...(f.usageAbove ?? []).map(({ portType, peak, limit }) =>
            t('notifications.kind.revert_above_usage.above', { port: t(`common.portsOf.${portType}`), peak, limit }),
          ),
          t('notifications.kind.revert_above_usage.advice'),
        ],
      };
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

/** The message's text and HTML: the HTML turns the details line into a link named `link.label`. */
function assemble(voice: Voice, title: string, subject: string, body: string[], link: { url: string; line: string; label: string } | null): ComposedMessage {
  const html = [
    `<div lang="${voice.locale}">`,
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>`,
    ...body.map((line) =>
      link && line === link.line ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : `<p>${escapeHtml(line)}</p>`,
    ),
    '</div>',
  ].join('\n');
  return { subject, text: body.join('\n'), html };
}

const appLink = (appUrl: string | undefined, path: string) => (appUrl ? `${appUrl.replace(/\/$/, '')}${path}` : null);

/**
 * A notification about a request in the reader's language, as plain text and HTML; an e-mail names
 * the request's case number (or that it is pending). Dates are written in the reader's time zone.
 */
export function composeNotification(
  kind: RequestNotificationKind,
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
  const url = appLink(options.appUrl, `/requests/${facts.requestId}`);
  const link = url ? { url, line: t('notifications.details', { link: url }), label: t('notifications.viewRequest') } : null;
  const body = [
    ...lines.filter(Boolean),
    t('notifications.changes', { changes: changeList(voice, facts.changes) }),
    t('notifications.reason', { reason: facts.reason }),
    ...(options.inApp
      ? []
      : [facts.caseNumber ? t('notifications.salesforceCase', { caseNumber: facts.caseNumber }) : t('notifications.salesforceCasePending')]),
    ...(link ? [link.line] : []),
  ];
  return assemble(voice, title, subject, body, link);
}

/**
 * A tenant's usage alert (issue 13 §5) in the reader's language: which port type reached which
 * level, the peak against the limit and when (in the reader's time zone), with a link to the
 * tenant's page. It has no request, so no case.
 */
export function composeUsageAlert(facts: UsageAlertParams, voice: Voice, options: ComposeOptions = {}): ComposedMessage {
  const { t, format } = voice;
  const title = t('notifications.kind.usage_alert.headline', { level: facts.level, port: t(`common.portsOf.${facts.portType}`) });
  const subject = t('notifications.subject', { title, tenant: facts.tenantName });
  const at = new Date(facts.at);
  const url = appLink(options.appUrl, `/tenants/${encodeURIComponent(facts.tenantId)}`);
  const link = url ? { url, line: t('notifications.details', { link: url }), label: t('notifications.viewTenant') } : null;
  const body = [
    t('notifications.kind.usage_alert.body', {
      tenant: facts.tenantName,
      port: t(`notifications.portsInSentence.${facts.portType}`),
      peak: facts.peak,
      limit: facts.limit,
      at: Number.isNaN(at.getTime()) ? facts.at : format.dateTime(at, 'dateTime'),
    }),
    t('notifications.kind.usage_alert.advice', { level: facts.level }),
    ...(link ? [link.line] : []),
  ];
  return assemble(voice, title, subject, body, link);
}
