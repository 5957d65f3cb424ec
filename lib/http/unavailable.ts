import { isDatabaseUnavailable } from '@/lib/data/pg-errors';
import { AppError } from '@/lib/domain/errors';
import { UNAVAILABLE_DIGEST } from './unavailable-digest';

/** How long to suggest waiting before a retry while the database cannot be reached. */
export const UNAVAILABLE_RETRY_SECONDS = 5;


export const unavailable = () =>
  new AppError('unavailable', {}, {
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
  });

/** A database outage as the user's kind of error: 503 with Retry-After, a sentence, never a 500. */
export function asUnavailable(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === 'unavailable' ? error : null;
  return isDatabaseUnavailable(error) ? unavailable() : null;
}

/**
 * For pages: Next keeps an error's own `digest` when it passes the error to the browser, so the
 * error boundary can show "back in a moment" and retry by itself rather than "something broke".
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = UNAVAILABLE_DIGEST;
  constructor(cause: unknown) {
    super('The database cannot be reached.', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
