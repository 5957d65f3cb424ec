import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAppContext } from '@/lib/app-context';
import { getUserByEmail } from '@/lib/data/users';
import { getEnv } from '@/lib/env';
import { authConfig } from './auth.config';
import { OIDC_PROVIDER_ID, oidcProvider } from './oidc-provider';
import { authSecret } from './secret';
import { ssoSignIn } from './sso-sign-in';

/** SPEC §6: the passwordless demo sign-in, offered only while SSPM_DEMO is on. */
const demoProvider = Credentials({
  id: 'demo',
  name: 'Demo sign-in',
  credentials: { email: { label: 'E-mail', type: 'email' } },
  async authorize(credentials) {
    if (!getEnv().demo) return null;
    const email = typeof credentials?.email === 'string' ? credentials.email.trim() : '';
    if (!email) return null;
    const { db } = await getAppContext();
    const user = await getUserByEmail(db, email);
    return user ? { id: user.id, email: user.email, name: user.name } : null;
  },
});

const sso = oidcProvider(getEnv());

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: authSecret(),
  providers: [...(sso ? [sso] : []), ...(getEnv().demo ? [demoProvider] : [])],
  callbacks: {
    ...authConfig.callbacks,
    // SSO users are provisioned (or refused) here; demo users already exist in the database.
    signIn: ({ user, account }) => (account?.provider === OIDC_PROVIDER_ID ? ssoSignIn(user) : true),
  },
});
