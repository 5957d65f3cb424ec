import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getPageCaller } from '@/lib/auth/current-caller';
import { DEFAULT_TIME_ZONE, LOCALE_COOKIE, type Locale, TIME_ZONE_COOKIE, isTimeZone, negotiateLocale, pickLocale } from './locales';

export type ReaderPreferences = {
  locale: Locale;
  timeZone: string;
  /** Whether the time zone came from the user or their browser (else the page asks the browser). */
  timeZoneKnown: boolean;
};

/**
 * The language and time zone of this page's reader: the signed-in user's saved choice, else the
 * cookie chosen before sign-in, else `Accept-Language`, else English. Cached per request.
 */
export const getReaderPreferences = cache(async (): Promise<ReaderPreferences> => {
  const caller = await getPageCaller().then(
    ({ caller }) => caller,
    // A page that cannot reach the database still speaks the reader's language ("back in a moment").
    () => null,
  );
  const [jar, headerList] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(caller?.locale, jar.get(LOCALE_COOKIE)?.value, negotiateLocale(headerList.get('accept-language')));
  const cookieZone = jar.get(TIME_ZONE_COOKIE)?.value;
  const timeZone = caller?.timeZone ?? (isTimeZone(cookieZone) ? cookieZone : null);
  return { locale, timeZone: timeZone ?? DEFAULT_TIME_ZONE, timeZoneKnown: timeZone !== null };
});
