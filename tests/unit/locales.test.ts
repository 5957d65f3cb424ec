import { describe, expect, it } from 'vitest';
import { browserReader, isTimeZone, negotiateLocale, pickLocale, supportedLocale } from '@/lib/i18n/locales';

describe('choosing the language', () => {
  it('negotiates Accept-Language by q-value: the best language SSPM speaks wins', () => {
    expect(negotiateLocale('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt-BR');
    expect(negotiateLocale('fr-FR, en;q=0.5, pt;q=0.7')).toBe('pt-BR');
    expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLocale('pt-PT')).toBe('pt-BR');
  });

  it('answers null when the header names no language SSPM speaks, is empty, or only refuses (q=0)', () => {
    expect(negotiateLocale('fr-FR, de;q=0.5')).toBeNull();
    expect(negotiateLocale('')).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale('pt-BR;q=0, *')).toBeNull();
    expect(negotiateLocale(';;,;q=abc')).toBeNull();
  });

  it('takes the first supported of: saved choice, identity-provider claim, header; else English', () => {
    expect(pickLocale('pt-BR', 'en', 'en')).toBe('pt-BR');
    expect(pickLocale(null, undefined, 'pt-BR')).toBe('pt-BR');
    expect(pickLocale('xx', null, null)).toBe('en');
  });

  it('reads language tags loosely but only as the two locales there are', () => {
    expect(supportedLocale('PT_br')).toBe('pt-BR');
    expect(supportedLocale('en-AU')).toBe('en');
    expect(supportedLocale('es')).toBeNull();
  });

  it('accepts IANA time zones this runtime knows and refuses anything else', () => {
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('x'.repeat(65))).toBe(false);
  });

  it("gives a browser's reader the saved choice, else the cookie chosen before sign-in, else Accept-Language; the saved zone, else the browser's", () => {
    const hints = { localeCookie: 'pt-BR', timeZoneCookie: 'America/Sao_Paulo', acceptLanguage: 'en' };
    expect(browserReader({ locale: 'en', timeZone: 'Europe/London' }, hints)).toEqual({ locale: 'en', timeZone: 'Europe/London' });
    expect(browserReader({ locale: null, timeZone: null }, hints)).toEqual({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(browserReader(null, { acceptLanguage: 'pt', timeZoneCookie: 'Mars/Olympus' })).toEqual({ locale: 'pt-BR', timeZone: null });
  });
});
