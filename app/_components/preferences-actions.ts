'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getAppContext } from '@/lib/app-context';
import { callerFromSession } from '@/lib/auth/current-caller';
import { LOCALE_COOKIE, TIME_ZONE_COOKIE } from '@/lib/i18n/locales';
import { saveUserPreferences } from '@/lib/preferences/save-preferences';
import { preferencesSchema } from '@/lib/validation/preferences';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The language switcher and the browser's time zone. Needs no session (the sign-in page has the
 * switcher too), so it does not go through runAction: the cookie remembers the choice before
 * sign-in, and a signed-in user's choice is saved on their account as well.
 */
export async function savePreferencesAction(input: unknown): Promise<{ ok: boolean }> {
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  const { locale, timeZone } = parsed.data;
  const jar = await cookies();
  const options = { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax' as const, httpOnly: true, secure: process.env.NODE_ENV === 'production' };
  if (locale) jar.set(LOCALE_COOKIE, locale, options);
  if (timeZone) jar.set(TIME_ZONE_COOKIE, timeZone, options);
  try {
    const ctx = await getAppContext();
    const caller = await callerFromSession(ctx);
    if (caller) await saveUserPreferences(ctx, caller, parsed.data);
  } catch (error) {
    // The cookie already holds the choice; the account catches up at the next change.
    console.warn('preferences not saved on the account:', error instanceof Error ? error.message : error);
  }
  revalidatePath('/', 'layout');
  return { ok: true };
}
