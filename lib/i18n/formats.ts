import type { DateTimeFormatOptions, Formats } from 'next-intl';
import type { Locale } from './locales';

/**
 * Named formats, so that every screen, e-mail and notification writes a date the same way:
 * "Nov 26, 2026, 14:05" in English, "26/11/2026 14:05" in Brazilian Portuguese.
 */
export function formatsFor(locale: Locale): Formats {
  const dateTime: DateTimeFormatOptions =
    locale === 'pt-BR'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  const date: DateTimeFormatOptions =
    locale === 'pt-BR' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return {
    dateTime: {
      dateTime,
      date,
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      // Wherever the UTC day matters (the daily threshold, Salesforce cases).
      utc: { ...dateTime, timeZone: 'UTC', timeZoneName: 'short' },
      // The UTC instant on hover, to the second, so that rows of one minute are told apart.
      instant: { ...dateTime, second: '2-digit', timeZone: 'UTC', timeZoneName: 'short' },
    },
    number: { integer: { maximumFractionDigits: 0 } },
  };
}
