import { ZodError, z } from 'zod';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { strictTransportSecurity } from './transport-security';
import { asUnavailable } from './unavailable';

export type ErrorBody = { error: { code: ErrorCode | 'internal'; message: string; issues?: unknown[] } };

/** SPEC §5's one error shape. Unexpected errors are logged in full and answered with a sentence. */
export function errorResponse(thrown: unknown): Response {
  const error = asUnavailable(thrown) ?? thrown;
  if (error !== thrown) console.warn('database unavailable:', describe(thrown));
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.issues) body.error.issues = error.issues;
    const headers: HeadersInit = error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return Response.json(body, { status: error.status, headers });
  }
  if (error instanceof ZodError) return errorResponse(invalidInput(error));
  console.error('unexpected error in route handler:', error);
  return Response.json(
    { error: { code: 'internal', message: 'Something went wrong on our side. Try again in a moment.' } } satisfies ErrorBody,
    { status: 500 },
  );
}

export function invalidInput(error: ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, code: issue.code }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new AppError('invalid_input', `The input is not valid. ${where}${first?.message ?? ''}`.trim(), { issues });
}

export function fieldErrors(error: ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

/**
 * Every API answer is personal or a refusal: no shared or browser cache may keep it, and what it
 * says depends on the cookie and the token it was asked with.
 */
export function withApiHeaders(response: Response): Response {
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('Vary', 'Cookie, Authorization');
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
}
