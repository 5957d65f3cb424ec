import 'server-only';
import type { User } from 'next-auth';
import { getAppContext } from '@/lib/app-context';
import { provisionUser } from './provision-user';

/**
 * Auth.js's signIn callback for the OIDC provider: true lets the session start; a URL sends the
 * browser to the page that explains the refusal, and no session is created.
 */
export async function ssoSignIn(user: User): Promise<true | string> {
  if (!user.sso) return '/signin/refused?reason=missing_email';
  const ctx = await getAppContext();
  const result = await provisionUser(ctx.db, user.sso, ctx.clock());
  if (result.ok) return true;
  const { email, groups, tenantId } = user.sso;
  // The page tells the user why; the log keeps what the IdP sent, for whoever has to fix it.
  console.warn(`SSO sign-in refused (${result.reason}) for ${email ?? 'an unknown e-mail'}`, { groups, tenantId });
  return `/signin/refused?reason=${result.reason}`;
}
