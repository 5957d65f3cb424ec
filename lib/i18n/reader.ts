import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { getPageCaller } from '@/lib/auth/current-caller';
import { DEFAULT_TIME_ZONE, LOCALE_COOKIE, type Locale, TIME_ZONE_COOKIE, browserReader } from './locales';

export type ReaderPreferences = {
  locale: Locale;
  timeZone: string;
  /** Whether the time zone came from the user or their browser (else the page asks the browser). */
  timeZoneKnown: boolean;
};

/**
 * The language and time zone of this page's reader (`browserReader`), for the signed-in user if
 * there is one. Cached per request.
 */
export const getReaderPreferences = cache(async (): Promise<ReaderPreferences> => {
  const caller = await getPageCaller().then(
    ({ caller }) => caller,
    // A page that cannot reach the database still speaks the reader's language ("back in a moment").
    () => null,
  );
  const [jar, headerList] = await Promise.all([cookies(), headers()]);
  const { locale, timeZone } = browserReader(caller, {
    localeCookie: jar.get(LOCALE_COOKIE)?.value,
    timeZoneCookie: jar.get(TIME_ZONE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
  });
  return { locale, timeZone: timeZone ?? DEFAULT_TIME_ZONE, timeZoneKnown: timeZone !== null };
});
