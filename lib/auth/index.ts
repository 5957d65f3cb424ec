import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAppContext } from '@/lib/app-context';
import { getUserByEmail } from '@/lib/data/users';
import { getEnv } from '@/lib/env';
import { authConfig } from './auth.config';
import { OIDC_PROVIDER_ID, oidcProvider } from './oidc-provider';
import { authSecret } from './secret';
import { endSignedOutSession, sessionIsLive, sessionMaxAgeSeconds, startSession } from './sessions';
import { ssoSignIn } from './sso-sign-in';
import { clientAddress, recordAuthFailure, retryAfterSeconds } from './throttle';

/** SPEC §6: the passwordless demo sign-in, offered only while SSPM_DEMO is on. Failures are rate-limited. */
const demoProvider = Credentials({
  id: 'demo',
  name: 'Demo sign-in',
  credentials: { email: { label: 'E-mail', type: 'email' } },
  async authorize(credentials, request) {
    if (!getEnv().demo) return null;
    const email = typeof credentials?.email === 'string' ? credentials.email.trim() : '';
    if (!email) return null;
    const { db, clock } = await getAppContext();
    const subject = { address: clientAddress(request.headers), account: email };
    if ((await retryAfterSeconds(db, subject, clock())) > 0) return null;
    const user = await getUserByEmail(db, email);
    if (!user) await recordAuthFailure(db, subject, clock());
    return user ? { id: user.id, email: user.email, name: user.name } : null;
  },
});

const sso = oidcProvider(getEnv());

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
  secret: authSecret(),
  providers: [...(sso ? [sso] : []), ...(getEnv().demo ? [demoProvider] : [])],
  callbacks: {
    ...authConfig.callbacks,
    // SSO users are provisioned (or refused) here; demo users already exist in the database.
    signIn: ({ user, account }) => (account?.provider === OIDC_PROVIDER_ID ? ssoSignIn(user) : true),
    /**
     * The cookie names a server-side session and carries nothing else that matters. Whenever Auth.js
     * would re-issue it (GET /api/auth/session), an ended or expired session clears it instead, so a
     * copied cookie can be neither used nor kept alive after sign-out.
     */
    async jwt({ token, user, account, trigger }) {
      if (trigger === 'signIn' && user && account) {
        const session = await startSession(user, account.provider);
        return { sub: token.sub, email: session.email, sid: session.sid };
      }
      if (typeof token.sid !== 'string' || !(await sessionIsLive(token.sid))) return null;
      return token;
    },
  },
  events: {
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await endSignedOutSession(sid);
    },
  },
});
