import { describe, expect, it } from 'vitest';
import { UNSETTLED_RETRY_MS, afterFailure, nextAttemptDelay, retryDelayMs } from '@/lib/jobs/outbox-retry';
import { CaseDeskError } from '@/lib/salesforce/case-desk';
import { caseDeskFailure } from '@/lib/salesforce/outbox';
import { mailFailure } from '@/lib/notifications/email-outbox';
import { MailerError } from '@/lib/notifications/mailer';

describe('when a failed case operation is tried again (reliability item 4)', () => {
  const network = caseDeskFailure(new CaseDeskError('Salesforce could not be reached.', { retryable: true, code: 'NETWORK' }));
  const rateLimited = caseDeskFailure(
    new CaseDeskError('Salesforce REQUEST_LIMIT_EXCEEDED: slow down', { retryable: true, code: 'REQUEST_LIMIT_EXCEEDED' }),
  );

  it('waits at least 30 s after a call with no answer, which Salesforce may still apply late', () => {
    for (let attempts = 1; attempts <= 3; attempts += 1) {
      expect(nextAttemptDelay(network, attempts)).toBeGreaterThanOrEqual(UNSETTLED_RETRY_MS);
      expect(nextAttemptDelay(caseDeskFailure(new Error('socket hang up')), attempts)).toBeGreaterThanOrEqual(UNSETTLED_RETRY_MS);
    }
  });

  it('backs off exponentially after an answer that refused the call, which nothing will apply', () => {
    const noJitter = () => 0.5;
    expect(nextAttemptDelay(rateLimited, 1, noJitter)).toBeLessThan(UNSETTLED_RETRY_MS);
    expect(nextAttemptDelay(rateLimited, 10, noJitter)).toBeGreaterThan(nextAttemptDelay(rateLimited, 1, noJitter));
  });
});

describe('the one outbox retry policy (case operations and e-mails)', () => {
  const failedAt = new Date('2026-11-26T12:00:00Z');

  it('gives up for good on a refusal that will not change, keeping its message', () => {
    expect(afterFailure({ retryable: false, outcomeUnknown: false, message: 'INVALID_FIELD' }, 1, failedAt)).toEqual({
      state: 'failed',
      lastError: 'INVALID_FIELD',
    });
  });

  it('retries a retryable failure later, timed from the failure', () => {
    const verdict = afterFailure({ retryable: true, outcomeUnknown: false, message: 'busy' }, 1, failedAt, () => 0.5);
    expect(verdict).toEqual({ state: 'pending', lastError: 'busy', nextAttemptAt: new Date(failedAt.getTime() + 5_000) });
  });

  it('doubles the wait per attempt up to an hour, with jitter between half and one and a half times', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, () => 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(50, () => 0.5)).toBe(60 * 60 * 1000);
    expect(retryDelayMs(1, () => 0)).toBe(2_500);
    expect(retryDelayMs(1, () => 0.999_999)).toBeLessThanOrEqual(7_500);
  });

  it('reads a mail server refusal as final and a dropped connection as retryable, never as an unknown outcome', () => {
    expect(mailFailure(new MailerError('550 no such mailbox', { retryable: false }))).toEqual({ retryable: false, outcomeUnknown: false, message: '550 no such mailbox' });
    expect(mailFailure(new Error('ECONNRESET'))).toMatchObject({ retryable: true, outcomeUnknown: false });
  });
});
