type DriverError = { code?: unknown; constraint?: unknown; message?: unknown; name?: unknown; cause?: unknown };

/** Drizzle wraps driver errors; the Postgres error (with its SQLSTATE) is somewhere down `cause`. */
function* causeChain(error: unknown): Generator<DriverError> {
  for (let current = error, depth = 0; current instanceof Object && depth < 6; depth += 1) {
    yield current as DriverError;
    current = (current as DriverError).cause;
  }
}

/** The SQLSTATE (or Node's socket error code) of an error, wherever in the chain it is. */
export function sqlState(error: unknown): string | undefined {
  for (const candidate of causeChain(error)) if (typeof candidate.code === 'string') return candidate.code;
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (const candidate of causeChain(error)) {
    if (candidate.code === '23505') {
      if (!constraint) return true;
      return candidate.constraint === constraint || String(candidate.message ?? '').includes(constraint);
    }
  }
  return false;
}

/**
 * Node's socket errors and PostgreSQL's "cannot serve you now" SQLSTATEs: class 08 (connection
 * exception), 57P01–57P03 (shut down, restarting, not yet accepting), 53300 (too many connections),
 * 57014 (a statement cut by statement_timeout, as when the server stalls).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '57014']);

/** What pg and pg-pool say, without a code, when a connection cannot be had or is lost. */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'the database system is',
];

/** Whether an error means the database cannot be reached now (a retry later may work), not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of causeChain(error)) {
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (candidate.name === 'DatabaseUnavailableError') return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (UNAVAILABLE_MESSAGES.some((known) => message.includes(known))) return true;
  }
  return false;
}
