import { getToken } from 'next-auth/jwt';
import { authSecret } from './secret';

/** Auth.js's session cookie, `__Secure-` prefixed over https, chunked (`.0`, `.1`) when large. */
const SESSION_COOKIE = /(?:^|;\s*)(__Secure-)?authjs\.session-token(?:\.\d+)?=/g;

/** What SSPM puts in the Auth.js session token: the server-side session it names, and for whom. */
export type SessionClaims = { sessionId: string; email: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type HeaderSource = { headers: Headers };

/**
 * Decodes this request's Auth.js session cookie once (never re-issues it). The cookie is
 * __Secure- prefixed over https and plain on http://localhost: the name present is the one decoded.
 * A cookie without a server-side session id (from before sessions were kept) counts as none.
 */
export async function readSessionCookie(source: HeaderSource): Promise<SessionClaims | null> {
  const secret = authSecret();
  const cookie = source.headers.get('cookie');
  if (!secret || !cookie) return null;
  const present = [...cookie.matchAll(SESSION_COOKIE)];
  if (present.length === 0) return null;
  const secureCookie = present.some((match) => match[1] !== undefined);
  const token = await getToken({ req: { headers: source.headers }, secret, secureCookie });
  if (typeof token?.sid !== 'string' || !UUID.test(token.sid) || typeof token.email !== 'string') return null;
  return { sessionId: token.sid, email: token.email };
}

/** Whether the request carries a session cookie at all (an ambient credential a browser sends by itself). */
export function hasSessionCookie(headers: Headers): boolean {
  return [...(headers.get('cookie') ?? '').matchAll(SESSION_COOKIE)].length > 0;
}
