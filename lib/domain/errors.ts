/** Every error a user can cause, with the HTTP status the API answers it with. */
export const ERROR_STATUS = {
  invalid_input: 400,
  invalid_cursor: 400,
  single_tenant_only: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_request: 403,
  own_request: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  request_already_open: 409,
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

export type DomainError = {
  code: ErrorCode;
  message: string;
  /** The input field the error is about, for forms. */
  field?: string;
};

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
});

/** Thrown by use cases; the action and route wrappers turn it into the one error shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly issues?: unknown[];
  /** For 429 and 503: when trying again makes sense (the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; issues?: unknown[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static from(error: DomainError): AppError {
    return new AppError(error.code, error.message, { field: error.field });
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw AppError.from(result.error);
  return result.value;
}
