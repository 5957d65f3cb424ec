import 'server-only';
import { headers } from 'next/headers';
import type { User } from 'next-auth';
import { getAppContext } from '@/lib/app-context';
import { provisionUser } from './provision-user';
import { clientAddress, recordAuthFailure, retryAfterSeconds } from './throttle';

/**
 * Auth.js's signIn callback for the OIDC provider: true lets the session start; a URL sends the
 * browser to the page that explains the refusal, and no session is created. Refusals count as
 * failed authentications of the client address and the account.
 */
export async function ssoSignIn(user: User): Promise<true | string> {
  if (!user.sso) return '/signin/refused?reason=missing_email';
  const ctx = await getAppContext();
  const subject = { address: clientAddress(await headers()), account: user.sso.email };
  if ((await retryAfterSeconds(ctx.db, subject, ctx.clock())) > 0) return '/signin/refused?reason=too_many_attempts';
  const result = await provisionUser(ctx.db, user.sso, ctx.clock());
  if (result.ok) return true;
  await recordAuthFailure(ctx.db, subject, ctx.clock());
  const { email, groups, tenantId, issuer, subject: sub } = user.sso;
  // The page tells the user why; the log keeps what the IdP sent, for whoever has to fix it.
  console.warn(`SSO sign-in refused (${result.reason}) for ${email ?? 'an unknown e-mail'}`, { issuer, sub, groups, tenantId });
  return `/signin/refused?reason=${result.reason}`;
}
