import { PORT_TYPES, type PortChanges } from '@/lib/domain/ports';
import type { RevertBlockedReason } from '@/lib/domain/revert';
import { salesforceCaseLocale } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import { renderRevertBlocked } from '@/lib/i18n/render-revert-blocked';
import { type Formatter, type Translator, formatterFor, translatorFor } from '@/lib/i18n/translate';

/**
 * What SSPM writes into Salesforce cases (subject, description, comments), in the org's language
 * (SALESFORCE_CASE_LOCALE, English by default) from the `caseText` catalogue. The org's time zone
 * is not known: times are written in UTC, and say so.
 */
type CaseVoice = { t: Translator; format: Formatter };

const voices = new Map<Locale, CaseVoice>();

function caseVoice(locale: Locale = salesforceCaseLocale()): CaseVoice {
  let voice = voices.get(locale);
  if (!voice) {
    voice = { t: translatorFor(locale, 'UTC'), format: formatterFor(locale, 'UTC') };
    voices.set(locale, voice);
  }
  return voice;
}

type CaseSubject = {
  tenant: { id: string; name: string };
  changes: PortChanges;
  requestedBy: string;
  reason: string;
  justification?: string | null;
  revertAt?: Date | null;
};

function changeList({ t }: CaseVoice, changes: PortChanges): string {
  return PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [t('caseText.change', { ports: t(`common.portsOf.${type}`), from: change.from, to: change.to })] : [];
  }).join('; ');
}

/** The changes as a case line says them ("Concurrent ports: 150 → 200; Outbound ports: 80 → 120"). */
export function describeChanges(changes: PortChanges, locale?: Locale): string {
  return changeList(caseVoice(locale), changes);
}

/** What a human at the case desk needs to act on the request without opening SSPM. */
export function caseOpening(subject: CaseSubject, locale?: Locale): { subject: string; description: string } {
  const voice = caseVoice(locale);
  const { t, format } = voice;
  const changes = changeList(voice, subject.changes);
  const lines = [
    t('caseText.tenant', { tenant: subject.tenant.name, tenantId: subject.tenant.id }),
    t('caseText.changes', { changes }),
    t('caseText.requestedBy', { requestedBy: subject.requestedBy }),
    t('caseText.reason', { reason: subject.reason }),
    subject.justification ? t('caseText.justification', { justification: subject.justification }) : null,
    subject.revertAt ? t('caseText.temporaryUntil', { revertAt: format.dateTime(subject.revertAt, 'utc') }) : null,
  ];
  return {
    subject: t('caseText.subject', { tenant: subject.tenant.name, changes }).slice(0, 255),
    description: lines.filter(Boolean).join('\n'),
  };
}

/** The comments the use cases post on a request's case, one function per occasion. */
export const caseComment = {
  /** The requester answered "more information". */
  moreInformation: (email: string, justification: string, locale?: Locale) =>
    caseVoice(locale).t('caseText.moreInformation', { email, justification }),
  /** The requester withdrew the request (the case is closed). */
  withdrawn: (email: string, locale?: Locale) => caseVoice(locale).t('caseText.withdrawn', { email }),
  /** A representative decided (the case is closed). */
  decided: (verdict: 'approved' | 'rejected', email: string, changes: PortChanges, comment: string | null, locale?: Locale) => {
    const voice = caseVoice(locale);
    const args = { verdict, email, changes: changeList(voice, changes) };
    return comment ? voice.t('caseText.decidedWithComment', { ...args, comment }) : voice.t('caseText.decided', args);
  },
  /** Approved at once, within the daily threshold (the case is closed). */
  autoApproved: (changes: PortChanges, locale?: Locale) => {
    const voice = caseVoice(locale);
    return voice.t('caseText.autoApproved', { changes: changeList(voice, changes) });
  },
  /** A decision taken in Salesforce without a comment: the requester still reads why it came. */
  decidedInSalesforce: (verdict: 'approve' | 'reject', caseNumber: string, locale?: Locale) =>
    caseVoice(locale).t('caseText.decidedInSalesforce', { verdict, caseNumber }),
  /** A temporary change ended and its previous limits are back. */
  reverted: (restored: PortChanges, locale?: Locale) => {
    const voice = caseVoice(locale);
    return voice.t('caseText.reverted', { changes: changeList(voice, restored) });
  },
  /** A temporary change ended but its previous limits could not be restored. */
  revertBlocked: (reason: RevertBlockedReason, locale?: Locale) => {
    const { t, format } = caseVoice(locale);
    return t('caseText.revertBlocked', { reason: renderRevertBlocked(t, format, reason) });
  },
};
