import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { type IssueLike, renderError, renderFieldErrors, renderIssue } from '@/lib/i18n/render-error';
import type { Translator } from '@/lib/i18n/translate';
import { strictTransportSecurity } from './transport-security';
import { asUnavailable } from './unavailable';

export type ErrorBody = { error: { code: ErrorCode | 'internal'; message: string; issues?: unknown[] } };

/**
 * SPEC §5's one error shape, in the reader's language (`t`): `code` is the same in every language,
 * `message` and each issue's `message` are the reader's words. Unexpected errors are logged in
 * full and answered with a sentence.
 */
export function errorResponse(thrown: unknown, t: Translator): Response {
  const error = asUnavailable(thrown) ?? thrown;
  if (error !== thrown) console.warn('database unavailable:', describe(thrown));
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: renderAppError(t, error) } };
    if (error.issues) body.error.issues = (error.issues as IssueLike[]).map((issue) => renderedIssue(t, issue));
    const headers: HeadersInit = error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return Response.json(body, { status: error.status, headers });
  }
  if (error instanceof ZodError) return errorResponse(invalidInput(error), t);
  console.error('unexpected error in route handler:', error);
  return Response.json({ error: { code: 'internal', message: renderError(t, { code: 'internal' }) } } satisfies ErrorBody, {
    status: 500,
  });
}

/** A malformed input as the one error: `issues` keeps each problem's path, code and parameters. */
export function invalidInput(error: ZodError): AppError {
  return new AppError('invalid_input', {}, { issues: error.issues });
}

/** An error's sentence; a malformed input names its first problem and where it is. */
export function renderAppError(t: Translator, error: AppError): string {
  const [first] = (error.issues ?? []) as IssueLike[];
  if (error.code === 'invalid_input' && first && Object.keys(error.params).length === 0) {
    const field = (first.path ?? []).map(String).join('.');
    const problem = renderIssue(t, first);
    return renderError(t, { code: 'invalid_input', params: field ? { variant: 'field', field, problem } : { variant: 'problem', problem } });
  }
  return renderError(t, error);
}

function renderedIssue(t: Translator, issue: IssueLike) {
  if (typeof issue !== 'object' || issue === null || !('code' in issue)) return issue;
  return { path: (issue.path ?? []).map(String), code: issue.code, message: renderIssue(t, issue) };
}

/** Each field's problems in the reader's words, for forms. */
export function fieldErrors(error: ZodError, t: Translator): Record<string, string[]> {
  return renderFieldErrors(t, error.issues as IssueLike[]);
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
