// next-intl's request configuration (next.config.ts points its plugin here): every server component,
// server action and client component of a page reads the reader's language and time zone from it.
import { getRequestConfig } from 'next-intl/server';
import { formatsFor } from './formats';
import { getReaderPreferences } from './reader';
import { messagesFor } from './translate';

export default getRequestConfig(async () => {
  const { locale, timeZone } = await getReaderPreferences();
  return { locale, timeZone, messages: messagesFor(locale), formats: formatsFor(locale) };
});
