import type { NextAuthConfig } from 'next-auth';

/**
 * The part of the Auth.js configuration that the proxy can load: pages and token-only callbacks.
 * The proxy uses it to redirect signed-out visitors; it is never the security check.
 */
export const authConfig = {
  // Auth.js's own error page is unstyled and says little: failed sign-ins land on ours with ?error=.
  pages: { signIn: '/signin', error: '/signin' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const publicPath = /^\/(signin|api\/auth|api\/health)(\/|$)/.test(request.nextUrl.pathname);
      return publicPath || Boolean(auth?.user?.email);
    },
    // The token carries identity only; permissions are resolved from the database per request.
    jwt({ token, user }) {
      if (user?.email) token.email = user.email;
      return token;
    },
    session({ session, token }) {
      if (token.email) session.user.email = token.email;
      return session;
    },
  },
} satisfies NextAuthConfig;
