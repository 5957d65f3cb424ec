'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth';
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
  if (!getEnv().demo) return { message: 'The demo sign-in is turned off.' };
  const parsed = demoSignInSchema.safeParse({
    email: formData.get('email'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) return { message: 'Choose a demo user to sign in as.' };
  try {
    await signIn('demo', { email: parsed.data.email, redirectTo: safeRedirect(parsed.data.callbackUrl) });
  } catch (error) {
    // signIn ends by throwing Next's redirect on success; only Auth.js's own errors are a failed sign-in.
    if (error instanceof AuthError) return { message: `Unknown user: ${parsed.data.email} cannot sign in.` };
    throw error;
  }
  return null;
}
