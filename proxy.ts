// Redirects signed-out visitors of pages to the sign-in page. It is a convenience, never the
// security check: every page, server action and route handler checks the caller itself.
import { getToken } from 'next-auth/jwt';
import { type NextRequest, NextResponse } from 'next/server';
import { authConfig } from '@/lib/auth/auth.config';
import { authSecret } from '@/lib/auth/secret';

/**
 * Reads the session cookie and never writes it. Auth.js's own `auth` proxy re-issues the cookie on
 * every request, so a prefetch still in flight when someone signed out set the session back.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const email = await sessionEmail(request);
  const auth = email ? { user: { email }, expires: '' } : null;
  if (authConfig.callbacks.authorized({ auth, request })) return NextResponse.next();
  const signIn = new URL(authConfig.pages.signIn, request.nextUrl);
  signIn.searchParams.set('callbackUrl', request.nextUrl.href);
  return NextResponse.redirect(signIn);
}

async function sessionEmail(request: NextRequest): Promise<string | null> {
  const secret = authSecret();
  if (!secret) return null;
  // The cookie is __Secure- prefixed over https and plain on http://localhost.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (typeof token?.email === 'string') return token.email;
  }
  return null;
}

export const config = {
  // The API answers 401 in JSON itself; static files and metadata images need no session.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
