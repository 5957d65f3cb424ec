import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getAppContext } from '@/lib/app-context';
import type { UseCaseContext } from '@/lib/requests/context';
import { findLiveTokenOwner, touchApiToken } from '@/lib/data/api-tokens';
import { hashApiToken, looksLikeApiToken } from './api-token-secret';
import type { Caller } from './caller';
import { auth } from './index';
import { loadCaller } from './load-caller';
import { emailFromSessionCookie } from './session-cookie';

/**
 * Route handlers: a personal API token (`Authorization: Bearer sspm_…`) or the session cookie,
 * decoded once. Either way the caller is resolved with the owner's permissions of this moment.
 */
export async function callerFromRequest(request: Request, ctx: UseCaseContext): Promise<Caller | null> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token || !looksLikeApiToken(token)) return null;
    const now = ctx.clock();
    const owner = await findLiveTokenOwner(ctx.db, hashApiToken(token), now);
    if (!owner) return null;
    await touchApiToken(ctx.db, owner.tokenId, now);
    return loadCaller(ctx.db, owner.email);
  }
  const email = await emailFromSessionCookie(request);
  return email ? loadCaller(ctx.db, email) : null;
}

/** Server components and server actions; cached per request, so a layout and its page decode once. */
export const callerFromSession = cache(async (ctx: UseCaseContext): Promise<Caller | null> => {
  const session = await auth();
  const email = session?.user?.email;
  return email ? loadCaller(ctx.db, email) : null;
});

/** Protected pages: the signed-in caller and the app context, or a redirect to the sign-in page. */
export async function requirePageCaller(): Promise<{ caller: Caller; ctx: UseCaseContext }> {
  const ctx = await getAppContext();
  const caller = await callerFromSession(ctx);
  if (!caller) redirect('/signin');
  return { caller, ctx };
}
