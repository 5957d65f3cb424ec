import { describe, expect, it } from 'vitest';
import { CaseDeskError } from '@/lib/salesforce/case-desk';
import { UNSETTLED_RETRY_MS, nextAttemptDelayMs } from '@/lib/salesforce/outbox';

describe('when a failed case operation is tried again (reliability item 4)', () => {
  const network = new CaseDeskError('Salesforce could not be reached.', { retryable: true, code: 'NETWORK' });
  const rateLimited = new CaseDeskError('Salesforce REQUEST_LIMIT_EXCEEDED: slow down', { retryable: true, code: 'REQUEST_LIMIT_EXCEEDED' });

  it('waits at least 30 s after a call with no answer, which Salesforce may still apply late', () => {
    for (let attempts = 1; attempts <= 3; attempts += 1) {
      expect(nextAttemptDelayMs(network, attempts)).toBeGreaterThanOrEqual(UNSETTLED_RETRY_MS);
      expect(nextAttemptDelayMs(new Error('socket hang up'), attempts)).toBeGreaterThanOrEqual(UNSETTLED_RETRY_MS);
    }
  });

  it('backs off exponentially after an answer that refused the call, which nothing will apply', () => {
    expect(nextAttemptDelayMs(rateLimited, 1)).toBeLessThan(UNSETTLED_RETRY_MS);
    expect(nextAttemptDelayMs(rateLimited, 10)).toBeGreaterThan(nextAttemptDelayMs(rateLimited, 1));
  });
});
