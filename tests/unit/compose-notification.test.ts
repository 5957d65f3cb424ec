import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/db/schema';
import { type NotificationFacts, composeNotification, isRequestNotificationKind, voiceFor } from '@/lib/notifications/compose';
import { readNotificationParams } from '@/lib/notifications/params';

const facts: NotificationFacts = {
  requestId: '6f1c2a1e-0000-4000-8000-000000000001',
  tenantName: 'The League of the Scarlet Pimpernel',
  changes: { concurrent: { from: 150, to: 260 } },
  caseNumber: '00001042',
  requestedBy: 'percy@classics.example',
  reason: 'Membership drive',
  justification: 'Peak of 240 calls',
  decidedBy: 'rep@ops.example',
  decisionComment: 'Not during the audit <week>',
  revertAt: '2026-12-01T00:00:00.000Z',
  revertBlockedReason: { code: 'ports_moved', types: ['concurrent'] },
};

// A usage alert is about a tenant, not a request: tests/unit/usage-alerts.test.ts words it.
const REQUEST_KINDS = NOTIFICATION_KINDS.filter(isRequestNotificationKind);

const english = voiceFor('en', 'UTC');
const portuguese = voiceFor('pt-BR', 'America/Sao_Paulo');

describe('composeNotification', () => {
  it.each(REQUEST_KINDS)('names the case number, the tenant and the change in every message (%s)', (kind) => {
    const message = composeNotification(kind, facts, english, { appUrl: 'https://sspm.example' });
    expect(message.subject).toContain('Case 00001042');
    expect(message.subject).toContain(facts.tenantName);
    for (const part of [message.text, message.html]) {
      expect(part).toContain('00001042');
      expect(part).toContain('Concurrent 150 → 260');
    }
    expect(message.text).toContain(`https://sspm.example/requests/${facts.requestId}`);
  });

  it.each(REQUEST_KINDS)('a message is worded in the reader’s language, text and HTML alike (%s)', (kind) => {
    const inEnglish = composeNotification(kind, facts, english, { appUrl: 'https://sspm.example' });
    const inPortuguese = composeNotification(kind, facts, portuguese, { appUrl: 'https://sspm.example' });
    expect(inPortuguese.subject).toContain('[Caso 00001042]');
    expect(inPortuguese.subject).not.toBe(inEnglish.subject);
    for (const part of [inPortuguese.text, inPortuguese.html]) {
      expect(part).toContain('Simultâneas 150 → 260');
      expect(part).toContain('Caso do Salesforce: 00001042');
      expect(part).not.toContain('Salesforce case');
    }
    expect(inPortuguese.html).toContain('Ver a solicitação');
    expect(inPortuguese.html).toContain('lang="pt-BR"');
  });

  it('shows the rep’s comment to the requester of a rejected request, escaped in HTML', () => {
    const message = composeNotification('rejected', facts, english);
    expect(message.text).toContain('Reason given: Not during the audit <week>');
    expect(message.html).toContain('Not during the audit &#60;week&#62;');
    expect(message.html).not.toContain('<week>');
    expect(composeNotification('rejected', facts, portuguese).text).toContain('Motivo da rejeição: Not during the audit <week>');
  });

  it('says the case is pending while it has no number yet', () => {
    expect(composeNotification('submitted', { ...facts, caseNumber: null }, english).subject).toContain('[Case pending]');
    expect(composeNotification('submitted', { ...facts, caseNumber: null }, portuguese).subject).toContain('[Caso pendente]');
  });

  it('leaves the case number to the request page in the app, where it is live', () => {
    const message = composeNotification('approved', { ...facts, caseNumber: null }, english, { inApp: true });
    expect(message.subject).toBe('Request approved: The League of the Scarlet Pimpernel');
    expect(message.text).not.toContain('Salesforce case');
    expect(composeNotification('approved', facts, portuguese, { inApp: true }).subject).toBe('Solicitação aprovada: The League of the Scarlet Pimpernel');
  });

  it('says an automatic approval was automatic, and a person’s approval who gave it', () => {
    expect(composeNotification('approved', { ...facts, decidedBy: 'auto', decisionComment: 'Within the daily threshold.' }, english).text).toMatch(
      /approved automatically, within the daily threshold/,
    );
    expect(composeNotification('approved', { ...facts, decidedBy: 'auto' }, portuguese).text).toMatch(/aprovada automaticamente/);
    expect(composeNotification('approved', facts, english).text).toContain('approved by rep@ops.example');
  });

  it('tells why a revert was blocked, in the reader’s words', () => {
    expect(composeNotification('revert_blocked', facts, english).text).toContain('Concurrent ports changed again');
    expect(composeNotification('revert_blocked', facts, portuguese).text).toContain('Portas simultâneas mudaram de novo');
  });

  it('writes the end of a temporary change with the named dateTime format, in the reader’s time zone', () => {
    expect(composeNotification('revert_due_soon', facts, english).text).toMatch(/ends at Dec 1, 2026,? 00:00/);
    // Midnight UTC is 21:00 the day before in São Paulo.
    expect(composeNotification('revert_due_soon', facts, portuguese).text).toMatch(/termina em 30\/11\/2026,? 21:00/);
  });

  it('reads stored parameters defensively: a row with none (another release) yields null, a bad field a safe default', () => {
    expect(readNotificationParams({})).toBeNull();
    expect(readNotificationParams(null)).toBeNull();
    expect(readNotificationParams({ tenantName: 'T', changes: { concurrent: { from: 1, to: 2 }, bogus: 3 }, revertBlockedReason: 'not json' })).toMatchObject({
      tenantName: 'T',
      changes: { concurrent: { from: 1, to: 2 } },
      revertBlockedReason: { code: 'rule_unknown' },
      reason: '',
    });
  });
});
