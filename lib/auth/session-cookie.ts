import { getToken } from 'next-auth/jwt';
import { authSecret } from './secret';

/**
 * The e-mail in this request's Auth.js session cookie, decoded (never re-issued). The cookie is
 * __Secure- prefixed over https and plain on http://localhost, so both names are tried.
 */
export async function emailFromSessionCookie(request: Request): Promise<string | null> {
  const secret = authSecret();
  if (!secret) return null;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (typeof token?.email === 'string') return token.email;
  }
  return null;
}
