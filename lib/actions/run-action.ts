import 'server-only';
import { ZodError, type z } from 'zod';
import { getAppContext } from '@/lib/app-context';
import type { Caller } from '@/lib/auth/caller';
import { callerFromSession } from '@/lib/auth/current-caller';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/requests/context';
import { fieldErrors } from '@/lib/http/errors';
import { asUnavailable } from '@/lib/http/unavailable';

/** STYLE §4: what every server action answers. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | 'internal'; message: string; fieldErrors?: Record<string, string[]> };

/**
 * The one wrapper of server actions (each is a public endpoint): resolves the signed-in caller,
 * parses the input with the shared schema and runs the use case; errors become sentences.
 */
export async function runAction<Schema extends z.ZodType, T>(
  schema: Schema,
  input: unknown,
  body: (args: { caller: Caller; ctx: UseCaseContext; input: z.output<Schema> }) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const ctx = await getAppContext();
    const caller = await callerFromSession(ctx);
    if (!caller) return { ok: false, code: 'unauthenticated', message: 'Your session has ended. Sign in again.' };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        code: 'invalid_input',
        message: 'Some fields need attention.',
        fieldErrors: fieldErrors(parsed.error),
      };
    }
    return { ok: true, data: await body({ caller, ctx, input: parsed.data }) };
  } catch (thrown) {
    const error = asUnavailable(thrown) ?? thrown;
    if (error instanceof AppError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.field ? { fieldErrors: { [error.field]: [error.message] } } : {}),
      };
    }
    if (error instanceof ZodError) {
      return { ok: false, code: 'invalid_input', message: 'Some fields need attention.', fieldErrors: fieldErrors(error) };
    }
    console.error('unexpected error in server action:', error);
    return { ok: false, code: 'internal', message: 'Something went wrong on our side. Try again in a moment.' };
  }
}
