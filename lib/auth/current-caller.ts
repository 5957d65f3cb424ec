import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getAppContext } from '@/lib/app-context';
import type { UseCaseContext } from '@/lib/use-case-context';
import { touchApiToken } from '@/lib/data/api-tokens';
import { findTokenCaller } from '@/lib/data/callers';
import { isDatabaseUnavailable } from '@/lib/data/pg-errors';
import { DatabaseUnavailableError } from '@/lib/http/unavailable';
import { hashApiToken } from './api-token-secret';
import type { Caller } from './caller';
import { loadSessionCaller, toCaller } from './load-caller';
import { readSessionCookie } from './session-cookie';
import { clientAddress, recordAuthFailure, throttleKeys } from './throttle';

/** How a route-handler request authenticated, and as whom (null: the credential is not valid). */
export type RequestAuthentication =
  | { via: 'token'; caller: Caller | null; retryAfterSeconds: number }
  | { via: 'cookie'; caller: Caller | null }
  | { via: 'none' };

/**
 * Route handlers: a personal API token (`Authorization: Bearer sspm_…`) or the session cookie,
 * decoded once and resolved with the session or token in one query. A bad token counts as a
 * failed authentication of the client address; a blocked address learns nothing from a guess.
 */
export async function authenticateRequest(request: Request, ctx: UseCaseContext): Promise<RequestAuthentication> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const [scheme, token] = authorization.split(' ', 2);
    const now = ctx.clock();
    const subject = { address: clientAddress(request.headers) };
    const presented = scheme?.toLowerCase() === 'bearer' && token ? token : '';
    const { blockedSeconds, caller } = await findTokenCaller(ctx.db, hashApiToken(presented), now, throttleKeys(subject));
    if (blockedSeconds > 0) return { via: 'token', caller: null, retryAfterSeconds: blockedSeconds };
    if (!caller) {
      await recordAuthFailure(ctx.db, subject, now);
      return { via: 'token', caller: null, retryAfterSeconds: 0 };
    }
    if (caller.lastUseIsStale) await touchApiToken(ctx.db, caller.tokenId, now);
    return { via: 'token', caller: toCaller(caller), retryAfterSeconds: 0 };
  }
  const session = await readSessionCookie(request);
  if (!session) return { via: 'none' };
  return { via: 'cookie', caller: await loadSessionCaller(ctx.db, session.sessionId, ctx.clock()) };
}

/**
 * Server components and server actions: the session cookie, checked against its server-side
 * session. Cached per request, so a layout and its page decode and query once.
 */
export const callerFromSession = cache(async (ctx: UseCaseContext): Promise<Caller | null> => {
  const session = await readSessionCookie({ headers: await headers() });
  return session ? loadSessionCaller(ctx.db, session.sessionId, ctx.clock()) : null;
});

/**
 * Pages: the signed-in caller (null when signed out) and the app context. This is every page's first
 * database access, so a database that cannot be reached turns here into the error pages show as
 * "back in a moment" (DatabaseUnavailableError), not as a crash.
 */
export async function getPageCaller(): Promise<{ caller: Caller | null; ctx: UseCaseContext }> {
  try {
    const ctx = await getAppContext();
    return { caller: await callerFromSession(ctx), ctx };
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError(error);
    throw error;
  }
}

/** Protected pages: the signed-in caller and the app context, or a redirect to the sign-in page. */
export async function requirePageCaller(): Promise<{ caller: Caller; ctx: UseCaseContext }> {
  const { caller, ctx } = await getPageCaller();
  if (!caller) redirect('/signin');
  return { caller, ctx };
}
