import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getAppContext } from '@/lib/app-context';
import type { UseCaseContext } from '@/lib/use-case-context';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/domain/errors';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { errorResponse, withApiHeaders } from './errors';

// The scheduler reads its logs in the operators' language, which the catalogue's default is.
const schedulerTranslator = () => translatorFor(DEFAULT_LOCALE);

/**
 * The one wrapper of scheduled jobs (Dub's withCron): `Authorization: Bearer $CRON_SECRET`,
 * compared in constant time, is the only way in, on Vercel or off it; without CRON_SECRET every
 * call is refused. Bodies get the app context and hold only the job.
 */
export function cronRoute(body: (args: { request: Request; ctx: UseCaseContext }) => Promise<Response>) {
  return async (request: Request): Promise<Response> => withApiHeaders(await runCron(request, body));
}

async function runCron(request: Request, body: (args: { request: Request; ctx: UseCaseContext }) => Promise<Response>) {
  const secret = getEnv().CRON_SECRET;
  if (!secret) console.error('CRON_SECRET is not set: scheduled jobs refuse every call.');
  if (!isCronAuthorized(request.headers.get('authorization'), secret)) {
    return errorResponse(new AppError('unauthenticated', { via: 'scheduler' }), schedulerTranslator());
  }
  try {
    return await body({ request, ctx: await getAppContext() });
  } catch (error) {
    return errorResponse(error, schedulerTranslator());
  }
}

/** Digests first: timingSafeEqual needs equal lengths, and the length must not leak either. */
export function isCronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`));
}
