/**
 * The one retry policy of SSPM's outboxes (Salesforce case operations, notification e-mails):
 * exponential backoff with jitter, a longer wait after a call whose outcome is unknown, and giving
 * up for good on a refusal nothing will change.
 */

const BASE_DELAY_MS = 5_000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * After a call whose outcome is unknown (no answer: a timeout, a dropped connection), the other
 * side may still apply it well after SSPM gave up. The retry waits at least this long, so that it
 * finds what a late call left (a case comment's marker) instead of racing it and delivering twice.
 */
export const UNSETTLED_RETRY_MS = 30_000;

/** What the person looking at a stuck delivery reads when the error was not the other side's own. */
export const UNEXPECTED_DELIVERY_ERROR = 'Unexpected error; the server log has the detail.';

/** A failed delivery as the outbox sees it, whatever the channel. */
export type DeliveryFailure = {
  /** Worth trying again (a timeout, a rate limit), or refused for good (a validation error). */
  retryable: boolean;
  /** The other side may have applied the call (no answer came back). */
  outcomeUnknown: boolean;
  /** Short and safe to show: the other side's own message, never a raw error. */
  message: string;
};

export type FailureVerdict =
  | { state: 'pending'; nextAttemptAt: Date; lastError: string }
  | { state: 'failed'; lastError: string };

/** Exponential backoff with jitter, so that a service coming back is not met by every retry at once. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random()));
}

export function nextAttemptDelay(failure: Pick<DeliveryFailure, 'outcomeUnknown'>, attempts: number, random?: () => number): number {
  const delay = retryDelayMs(attempts, random);
  return failure.outcomeUnknown ? Math.max(delay, UNSETTLED_RETRY_MS) : delay;
}

/** What becomes of a delivery after its `attempts`-th failure, timed from `failedAt` (not the claim). */
export function afterFailure(failure: DeliveryFailure, attempts: number, failedAt: Date, random?: () => number): FailureVerdict {
  if (!failure.retryable) return { state: 'failed', lastError: failure.message };
  return { state: 'pending', lastError: failure.message, nextAttemptAt: new Date(failedAt.getTime() + nextAttemptDelay(failure, attempts, random)) };
}
