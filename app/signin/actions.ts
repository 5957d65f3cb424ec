'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { headers } from 'next/headers';
import { getAppContext } from '@/lib/app-context';
import { signIn } from '@/lib/auth';
import { clientAddress, retryAfterSeconds } from '@/lib/auth/throttle';
import { OIDC_PROVIDER_ID, isOidcConfigured } from '@/lib/auth/oidc-provider';
import { getEnv } from '@/lib/env';
import { safeRedirect } from './safe-redirect';
import type { DemoSignInState } from './state';

const demoSignInSchema = z.object({
  email: z.email(),
  callbackUrl: z.string().optional(),
});

/**
 * Demo sign-in (SSPM_DEMO only). It cannot go through runAction, which requires a session: this is
 * how a session starts. Auth.js's demo provider checks the user exists; signIn throws the redirect.
 */
export async function demoSignInAction(_prev: DemoSignInState, formData: FormData): Promise<DemoSignInState> {
  if (!getEnv().demo) return { code: 'demo_off' };
  const parsed = demoSignInSchema.safeParse({
    email: formData.get('email'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) return { code: 'choose_user' };
  const { db, clock } = await getAppContext();
  const subject = { address: clientAddress(await headers()), account: parsed.data.email };
  const wait = await retryAfterSeconds(db, subject, clock());
  if (wait > 0) return { code: 'too_many_attempts', minutes: Math.ceil(wait / 60) };
  try {
    await signIn('demo', { email: parsed.data.email, redirectTo: safeRedirect(parsed.data.callbackUrl) });
  } catch (error) {
    // signIn ends by throwing Next's redirect on success; only Auth.js's own errors are a failed sign-in.
    if (error instanceof AuthError) return { code: 'unknown_user', email: parsed.data.email };
    throw error;
  }
  return null;
}

/**
 * Single sign-on: Auth.js redirects to the identity provider (PKCE and state in its cookies). Like
 * the demo sign-in, it needs no session; it only starts the flow.
 */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  if (!isOidcConfigured(getEnv())) redirect('/signin');
  const callbackUrl = formData.get('callbackUrl');
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirect(typeof callbackUrl === 'string' ? callbackUrl : undefined) });
}
