/** Every error a user can cause, with the HTTP status the API answers it with. */
export const ERROR_STATUS = {
  invalid_input: 400,
  invalid_cursor: 400,
  // GET /api/v1/tenants/{id}/usage (issue 13 §3): a range that ends before it starts, or spans too much.
  invalid_range: 400,
  range_too_long: 400,
  single_tenant_only: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  token_required: 403,
  own_request: 403,
  not_found: 404,
  unknown_tenants: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  request_already_open: 409,
  // Issue 13 §7: an automatic increase is approved within the threshold, once a day, or not made.
  automatic_increase_refused: 409,
  stale_limits: 409,
  already_decided: 409,
  invalid_transition: 409,
  limit_out_of_range: 422,
  exceeds_concurrent: 422,
  port_type_not_enabled: 422,
  no_change: 422,
  monitoring_gateway_disabled: 422,
  invalid_revert_at: 422,
  comment_required: 422,
  last_account_rep_mapping: 422,
  partner_account_rep: 422,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What a message needs besides its code; the catalogues turn both into the reader's words. */
export type MessageParams = Record<string, string | number | Date>;

/** An error as the rules and use cases speak it: a code and its parameters, never a sentence. */
export type DomainError = {
  code: ErrorCode;
  params?: MessageParams;
  /** The input field the error is about, for forms. */
  field?: string;
};

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: ErrorCode, params?: MessageParams, field?: string): Result<never> => ({
  ok: false,
  error: { code, ...(params ? { params } : {}), ...(field ? { field } : {}) },
});

/**
 * Thrown by use cases; the action and route wrappers turn it into the one error shape, rendering
 * its code and parameters in the caller's language. `message` is for logs only.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: MessageParams;
  readonly field?: string;
  readonly issues?: unknown[];
  /** For 429 and 503: when trying again makes sense (the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    params: MessageParams = {},
    options: { field?: string; issues?: unknown[]; retryAfterSeconds?: number } = {},
  ) {
    super(Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.field = options.field;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static from(error: DomainError): AppError {
    return new AppError(error.code, error.params, { field: error.field });
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw AppError.from(result.error);
  return result.value;
}
