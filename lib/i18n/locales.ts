/** The languages SSPM speaks; `en` is the fallback for everything else. */
export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Before sign-in (and as a cache of the saved choice): the language and the browser's time zone. */
export const LOCALE_COOKIE = 'sspm-locale';
export const TIME_ZONE_COOKIE = 'sspm-tz';
export const DEFAULT_TIME_ZONE = 'UTC';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `pt`, `pt-BR`, `pt_br`, `PT-pt`: the supported locale a language tag means, if any. */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const normalized = tag.trim().replace('_', '-').toLowerCase();
  const exact = LOCALES.find((locale) => locale.toLowerCase() === normalized);
  if (exact) return exact;
  const language = normalized.split('-')[0];
  return LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language) ?? null;
}

/** The best supported locale of an `Accept-Language` header, by its q-values (RFC 9110 §12.5.4). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((range) => range.tag && range.tag !== '*' && range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    const locale = supportedLocale(range.tag);
    if (locale) return locale;
  }
  return null;
}

/** An IANA time zone this runtime knows ("America/Sao_Paulo"); anything else is refused. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The first of the candidates that is a supported locale: saved choice, claim, header, default. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) if (isLocale(candidate)) return candidate;
  return DEFAULT_LOCALE;
}

/** What a browser says about its reader: the cookies set before sign-in and its `Accept-Language`. */
export type BrowserHints = { localeCookie?: string | null; timeZoneCookie?: string | null; acceptLanguage?: string | null };

/**
 * The language and time zone a browser's reader sees everywhere (pages, the bell, a form's errors):
 * the user's saved choice, else the cookie chosen before sign-in, else `Accept-Language`, else
 * English; the saved zone, else the browser's (cookie), else none known.
 */
export function browserReader(
  saved: { locale: Locale | null; timeZone: string | null } | null,
  hints: BrowserHints,
): { locale: Locale; timeZone: string | null } {
  const locale = pickLocale(saved?.locale, hints.localeCookie, negotiateLocale(hints.acceptLanguage));
  const zone = hints.timeZoneCookie;
  return { locale, timeZone: saved?.timeZone ?? (isTimeZone(zone) ? zone : null) };
}
