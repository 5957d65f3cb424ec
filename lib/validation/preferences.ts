import { z } from 'zod';
import { LOCALES, isTimeZone } from '@/lib/i18n/locales';

/** The reader's language and time zone, as the header's switcher and the browser's detection send them. */
export const preferencesSchema = z.strictObject({
  locale: z.enum(LOCALES, { error: 'locale' }).optional(),
  timeZone: z.string().refine(isTimeZone, { message: 'time_zone' }).optional(),
  /** The browser's own zone, sent unasked on a first visit: it never overrides a zone the user chose. */
  detected: z.boolean().default(false),
});
export type PreferencesInput = z.infer<typeof preferencesSchema>;
