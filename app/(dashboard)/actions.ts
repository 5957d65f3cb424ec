'use server';

import { signOut } from '@/lib/auth';

/**
 * Sign-out needs no permission and must work even when the session has already ended, so it does
 * not go through runAction; it only clears the session cookie and redirects.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}
