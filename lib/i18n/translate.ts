import { createFormatter, createTranslator } from 'next-intl';
import { formatsFor } from './formats';
import { DEFAULT_TIME_ZONE, type Locale } from './locales';
import { type Messages, en, ptBR } from './messages';

const CATALOGUES: Record<Locale, Messages> = { en, 'pt-BR': ptBR };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/**
 * Words outside React (the API, e-mails, notifications, Salesforce cases): the same catalogues and
 * formats the pages use, for the reader's locale and time zone.
 */
export function translatorFor(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE) {
  return createTranslator({ locale, messages: messagesFor(locale), timeZone, formats: formatsFor(locale) });
}

export function formatterFor(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE) {
  return createFormatter({ locale, timeZone, formats: formatsFor(locale) });
}

export type Translator = ReturnType<typeof translatorFor>;
export type Formatter = ReturnType<typeof formatterFor>;
