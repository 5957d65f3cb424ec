import 'server-only';
import { getAppContext } from '@/lib/app-context';
import { getUserByEmail, getUserBySubject } from '@/lib/data/users';
import { endSession, insertSession, isSessionLive } from '@/lib/data/sessions';
import { getEnv } from '@/lib/env';
import type { SsoIdentity } from './sso-identity';

/** The absolute lifetime of a session (SESSION_MAX_HOURS): no renewal of the cookie extends it. */
export function sessionMaxAgeSeconds(): number {
  return Math.round(getEnv().SESSION_MAX_HOURS * 3600);
}

type SignedIn = { id?: string; email?: string | null; sso?: SsoIdentity };

/**
 * Starts the server-side session of a sign-in that Auth.js has accepted, and answers what goes in
 * the session cookie. The SSO user was provisioned (bound to issuer and subject) just before.
 */
export async function startSession(user: SignedIn, provider: string): Promise<{ sid: string; email: string }> {
  const { db, clock } = await getAppContext();
  const row = user.sso?.subject
    ? await getUserBySubject(db, user.sso.issuer, user.sso.subject)
    : user.email
      ? await getUserByEmail(db, user.email)
      : null;
  if (!row) throw new Error(`no user to start a session for (${provider})`);
  const session = await insertSession(db, {
    userId: row.id,
    provider,
    now: clock(),
    maxAgeMs: sessionMaxAgeSeconds() * 1000,
  });
  return { sid: session.id, email: row.email };
}

export async function sessionIsLive(sid: string): Promise<boolean> {
  const { db, clock } = await getAppContext();
  return isSessionLive(db, sid, clock());
}

export async function endSignedOutSession(sid: string): Promise<void> {
  const { db, clock } = await getAppContext();
  await endSession(db, sid, clock());
}
