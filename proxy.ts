// Redirects signed-out visitors of pages to the sign-in page. It is a convenience, never the
// security check: every page, server action and route handler checks the caller itself.
import NextAuth from 'next-auth';
import { authConfig } from '@/lib/auth/auth.config';
import { authSecret } from '@/lib/auth/secret';

const { auth } = NextAuth({ ...authConfig, secret: authSecret() });

export const proxy = auth;

export const config = {
  // The API answers 401 in JSON itself; static files and metadata images need no session.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
