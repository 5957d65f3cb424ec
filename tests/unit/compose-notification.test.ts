import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '@/db/schema';
import { type NotificationFacts, composeNotification } from '@/lib/notifications/compose';

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
  revertBlockedReason: 'Concurrent ports changed again after this temporary change.',
};

describe('composeNotification', () => {
  it.each(NOTIFICATION_KINDS)('names the case number, the tenant and the change in every message (%s)', (kind) => {
    const message = composeNotification(kind, facts, { appUrl: 'https://sspm.example' });
    expect(message.subject).toContain('Case 00001042');
    expect(message.subject).toContain(facts.tenantName);
    for (const part of [message.text, message.html]) {
      expect(part).toContain('00001042');
      expect(part).toContain('Concurrent 150 → 260');
    }
    expect(message.text).toContain(`https://sspm.example/requests/${facts.requestId}`);
  });

  it('shows the rep’s comment to the requester of a rejected request, escaped in HTML', () => {
    const message = composeNotification('rejected', facts);
    expect(message.text).toContain('Reason given: Not during the audit <week>');
    expect(message.html).toContain('Not during the audit &#60;week&#62;');
    expect(message.html).not.toContain('<week>');
  });

  it('says the case is pending while it has no number yet', () => {
    expect(composeNotification('submitted', { ...facts, caseNumber: null }).subject).toContain('[Case pending]');
  });

  it('leaves the case number to the request page in the app, where it is live', () => {
    const message = composeNotification('approved', { ...facts, caseNumber: null }, { inApp: true });
    expect(message.subject).toBe('Request approved: The League of the Scarlet Pimpernel');
    expect(message.text).not.toContain('Salesforce case');
  });

  it('tells why a revert was blocked', () => {
    expect(composeNotification('revert_blocked', facts).text).toContain('Concurrent ports changed again');
  });
});
