import { CaseDeskError } from './case-desk';

/**
 * Error codes worth retrying later: limits, outages, lock contention and upsert races. Anything
 * else Salesforce names (INVALID_FIELD, INSUFFICIENT_ACCESS…, a bad picklist value) will fail the
 * same way every time, so the message stops and is flagged for reps.
 */
const RETRYABLE_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'UNABLE_TO_LOCK_ROW',
  'QUERY_TIMEOUT',
  'INVALID_SESSION_ID',
  // Two upserts of one external id at the same moment: one fails; repeating it finds the case.
  'DUPLICATE_VALUE',
]);

const NETWORK_ERRORS = new Set(['FetchError', 'AbortError', 'TimeoutError']);

/** Salesforce's error entry ({ errorCode, message }) as jsforce or a composite subrequest reports it. */
export type SalesforceFault = { errorCode: string; message: string; status?: number };

export function isRetryable(fault: SalesforceFault): boolean {
  if (RETRYABLE_CODES.has(fault.errorCode)) return true;
  const status = fault.status ?? Number(/^ERROR_HTTP_(\d{3})$/.exec(fault.errorCode)?.[1]);
  return status >= 500 || status === 429 || status === 420;
}

/** One line, no URLs (they carry the instance host), short enough for a rep to read at a glance. */
export function sanitize(message: string, limit = 240): string {
  const line = message.replace(/https?:\/\/\S+/g, '[url]').replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

export function fromFault(fault: SalesforceFault, cause?: unknown): CaseDeskError {
  return new CaseDeskError(`Salesforce ${fault.errorCode}: ${sanitize(fault.message)}`, {
    retryable: isRetryable(fault),
    code: fault.errorCode,
    cause,
  });
}

/** Whatever jsforce threw, as a CaseDeskError that says whether retrying can help. */
export function toCaseDeskError(error: unknown): CaseDeskError {
  if (error instanceof CaseDeskError) return error;
  const candidate = error as { name?: unknown; errorCode?: unknown; message?: unknown; code?: unknown; data?: unknown };
  if (typeof candidate?.errorCode === 'string') {
    // Several errors at once (MULTIPLE_API_ERRORS): the first one names the problem.
    const first = Array.isArray(candidate.data) ? (candidate.data[0] as Partial<SalesforceFault> | undefined) : undefined;
    const errorCode = first?.errorCode ?? candidate.errorCode;
    const message = first?.message ?? String(candidate.message ?? '');
    return fromFault({ errorCode, message }, error);
  }
  if (typeof candidate?.name === 'string' && NETWORK_ERRORS.has(candidate.name)) {
    const code = typeof candidate.code === 'string' ? ` (${candidate.code})` : '';
    return new CaseDeskError(`Salesforce could not be reached${code}.`, { retryable: true, code: 'NETWORK', cause: error });
  }
  return new CaseDeskError('Unexpected error while calling Salesforce.', { retryable: true, code: 'UNEXPECTED', cause: error });
}
