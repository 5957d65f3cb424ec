// Redirects signed-out visitors of pages to the sign-in page, and gives every page its CSP nonce.
// It is a convenience, never the security check: every page, server action and route handler
// checks the caller itself.
import { type NextRequest, NextResponse } from 'next/server';
import { authConfig } from '@/lib/auth/auth.config';
import { readSessionCookie } from '@/lib/auth/session-cookie';
import { contentSecurityPolicy, identityProviderOrigin } from '@/lib/http/content-security-policy';
import { strictTransportSecurity } from '@/lib/http/transport-security';

const identityProvider = identityProviderOrigin(process.env.AUTH_OIDC_ISSUER);

/**
 * Reads the session cookie and never writes it. Auth.js's own `auth` proxy re-issues the cookie on
 * every request, so a prefetch still in flight when someone signed out set the session back.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  // Decoding only: whether the session is still live is each page's own check, against the database.
  const session = await readSessionCookie(request);
  const auth = session ? { user: { email: session.email }, expires: '' } : null;
  if (!authConfig.callbacks.authorized({ auth, request })) {
    const signIn = new URL(authConfig.pages.signIn, request.nextUrl);
    signIn.searchParams.set('callbackUrl', request.nextUrl.href);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', identityProvider });
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  const hsts = strictTransportSecurity();
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

export const config = {
  // The API answers 401 in JSON itself; static files and metadata images need no session.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
