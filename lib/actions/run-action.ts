import 'server-only';
import { ZodError, type z } from 'zod';
import { getAppContext } from '@/lib/app-context';
import type { Caller } from '@/lib/auth/caller';
import { callerFromSession } from '@/lib/auth/current-caller';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/use-case-context';
import { fieldErrors, renderAppError } from '@/lib/http/errors';
import { getReaderPreferences } from '@/lib/i18n/reader';
import { renderError } from '@/lib/i18n/render-error';
import { type Translator, translatorFor } from '@/lib/i18n/translate';
import { asUnavailable } from '@/lib/http/unavailable';

/** STYLE §4: what every server action answers. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | 'internal'; message: string; fieldErrors?: Record<string, string[]> };

/**
 * The one wrapper of server actions (each is a public endpoint): resolves the signed-in caller,
 * parses the input with the shared schema and runs the use case; errors become sentences in the
 * reader's language.
 */
export async function runAction<Schema extends z.ZodType, T>(
  schema: Schema,
  input: unknown,
  body: (args: { caller: Caller; ctx: UseCaseContext; input: z.output<Schema> }) => Promise<T>,
): Promise<ActionResult<T>> {
  const { locale, timeZone } = await getReaderPreferences();
  const t = translatorFor(locale, timeZone);
  try {
    const ctx = await getAppContext();
    const caller = await callerFromSession(ctx);
    if (!caller) return failure(t, new AppError('unauthenticated', { via: 'cookie' }));
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidForm(t, parsed.error);
    return { ok: true, data: await body({ caller, ctx, input: parsed.data }) };
  } catch (thrown) {
    const error = asUnavailable(thrown) ?? thrown;
    if (error instanceof AppError) return failure(t, error);
    if (error instanceof ZodError) return invalidForm(t, error);
    console.error('unexpected error in server action:', error);
    return { ok: false, code: 'internal', message: renderError(t, { code: 'internal' }) };
  }
}

function failure(t: Translator, error: AppError): ActionResult<never> {
  const message = renderAppError(t, error);
  return { ok: false, code: error.code, message, ...(error.field ? { fieldErrors: { [error.field]: [message] } } : {}) };
}

function invalidForm(t: Translator, error: ZodError): ActionResult<never> {
  return {
    ok: false,
    code: 'invalid_input',
    message: renderError(t, { code: 'invalid_input', params: { variant: 'form' } }),
    fieldErrors: fieldErrors(error, t),
  };
}
