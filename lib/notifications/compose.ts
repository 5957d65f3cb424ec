import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import type { NotificationRow } from '@/db/schema';
import { PORT_LABELS, PORT_TYPES, type PortChanges } from '@/lib/domain/ports';

export type NotificationKind = NotificationRow['kind'];

/** What a message says about its request; the case number may still be pending in-app, never in e-mail. */
export type NotificationFacts = {
  requestId: string;
  tenantName: string;
  changes: PortChanges;
  caseNumber: string | null;
  requestedBy: string;
  reason: string;
  justification: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
  revertAt: string | null;
  revertBlockedReason: string | null;
};

export type ComposedMessage = { subject: string; text: string; html: string };

function changeList(changes: PortChanges): string {
  return PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [`${PORT_LABELS[type]} ${change.from} → ${change.to}`] : [];
  }).join(', ');
}

const HEADLINES: Record<NotificationKind, (facts: NotificationFacts) => { title: string; lines: string[] }> = {
  submitted: (f) => ({ title: 'Request received', lines: [`Your request for ${f.tenantName} was received.`] }),
  information_needed: (f) => ({
    title: 'More information needed',
    lines: [
      `The concurrent increase you asked for ${f.tenantName} is above today's automatic-approval threshold.`,
      'Add a business justification (expected peak of simultaneous calls, and whether the increase is temporary) so that an Account Representative can decide.',
    ],
  }),
  approval_requested: (f) => ({
    title: 'Approval requested',
    lines: [`${f.requestedBy} asks for a port change for ${f.tenantName}.`, f.justification ? `Justification: ${f.justification}` : ''],
  }),
  approved: (f) => ({
    title: 'Request approved',
    lines: [`Your request for ${f.tenantName} was approved${f.decidedBy && f.decidedBy !== AUTO_DECIDER ? ` by ${f.decidedBy}` : ' automatically'}; the new limits apply now.`, f.decisionComment ? `Comment: ${f.decisionComment}` : ''],
  }),
  rejected: (f) => ({
    title: 'Request rejected',
    lines: [`Your request for ${f.tenantName} was rejected by ${f.decidedBy ?? 'an Account Representative'}.`, `Reason given: ${f.decisionComment ?? '—'}`],
  }),
  cancelled: (f) => ({ title: 'Request cancelled', lines: [`The request for ${f.tenantName} was withdrawn by its requester.`] }),
  revert_due_soon: (f) => ({
    title: 'Temporary change ends within 24 hours',
    lines: [`The temporary change for ${f.tenantName} ends at ${f.revertAt ?? 'its end time'}; the previous limits will then be restored.`],
  }),
  reverted: (f) => ({ title: 'Temporary change ended', lines: [`The temporary change for ${f.tenantName} ended and the previous limits were restored.`] }),
  revert_blocked: (f) => ({
    title: 'Temporary change could not be reverted',
    lines: [`The temporary change for ${f.tenantName} ended, but its previous limits were not restored.`, f.revertBlockedReason ?? '', 'An Account Representative will look at it.'],
  }),
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export type ComposeOptions = {
  /** The app's public URL, for a link to the request. */
  appUrl?: string;
  /** In the app the request page shows the live case number, so the message leaves it out. */
  inApp?: boolean;
};

/** A notification as plain text and HTML; an e-mail names the request's case number (or that it is pending). */
export function composeNotification(kind: NotificationKind, facts: NotificationFacts, options: ComposeOptions = {}): ComposedMessage {
  const { title, lines } = HEADLINES[kind](facts);
  const caseLabel = facts.caseNumber ? `Case ${facts.caseNumber}` : 'Case pending';
  const subject = options.inApp ? `${title}: ${facts.tenantName}` : `[${caseLabel}] ${title}: ${facts.tenantName}`;
  const link = options.appUrl ? `${options.appUrl.replace(/\/$/, '')}/requests/${facts.requestId}` : null;
  const body = [
    ...lines.filter(Boolean),
    `Changes: ${changeList(facts.changes)}`,
    `Reason: ${facts.reason}`,
    ...(options.inApp ? [] : [`Salesforce case: ${facts.caseNumber ?? 'pending'}`]),
    ...(link ? [`Details: ${link}`] : []),
  ];
  const html = [
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>`,
    ...body.map((line) =>
      link && line.endsWith(link) ? `<p><a href="${escapeHtml(link)}">View the request</a></p>` : `<p>${escapeHtml(line)}</p>`,
    ),
  ].join('\n');
  return { subject, text: body.join('\n'), html };
}
