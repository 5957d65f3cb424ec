import type { Formats } from 'next-intl';
import type { Locale } from './locales';
import type { Messages } from './messages';

// Type-checked keys and parameters: `t('nav.dashbord')` does not compile.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
    Formats: Formats;
  }
}
