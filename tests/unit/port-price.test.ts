import { describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import { type IssueLike, renderIssue } from '@/lib/i18n/render-error';
import { translatorFor } from '@/lib/i18n/translate';
import { MAX_PORT_PRICE_CENTS, globalSettingsSchema, parsePriceCents } from '@/lib/validation/thresholds';

const english = translatorFor('en');
const portuguese = translatorFor('pt-BR');

describe('the port price, typed in currency units', () => {
  it.each([
    ['12.50', 1250],
    ['12,50', 1250],
    ['12.5', 1250],
    ['12,5', 1250],
    ['12', 1200],
    ['0.5', 50],
    ['0,05', 5],
    ['0', 0],
    [' 7.25 ', 725],
    ['0.29', 29],
    ['1000000', 100_000_000],
  ])('reads %j as %i cents, with a point or a comma as the decimal separator, digit by digit (no float rounding)', (typed, cents) => {
    expect(parsePriceCents(typed)).toBe(cents);
  });

  it.each(['', ' ', '12.505', '1,250', '1.250,00', '1,250.00', '-1', '+3', '1e3', '12.', '.5', 'twelve', '12 50', 'US$12', '٣'])(
    'refuses %j: at most two decimals, no sign, no thousands separator, nothing but digits',
    (typed) => {
      expect(parsePriceCents(typed)).toBeNull();
    },
  );

  it('stores the price in cents: the settings form takes "12,50" or "12.50" and saves 1250', () => {
    expect(globalSettingsSchema.parse({ dailyThreshold: '100', portPrice: '12,50' })).toEqual({ dailyThreshold: 100, portPriceCents: 1250 });
    expect(globalSettingsSchema.parse({ dailyThreshold: '100', portPrice: '12.50' })).toEqual({ dailyThreshold: 100, portPriceCents: 1250 });
  });

  const messageOf = (portPrice: unknown, t = english) => {
    const result = globalSettingsSchema.safeParse({ dailyThreshold: '100', portPrice });
    expect(result.success).toBe(false);
    const issues = result.error!.issues as (IssueLike & { path: PropertyKey[] })[];
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(['portPrice']);
    return renderIssue(t, issues[0]!);
  };

  it('says how to write a price it cannot read, in the reader’s language', () => {
    expect(messageOf('1,250')).toBe('Enter an amount like 12.50: whole units and at most two decimals, without a thousands separator.');
    expect(messageOf('12.505', portuguese)).toBe('Informe um valor como 12,50: unidades inteiras e no máximo duas casas decimais, sem separador de milhar.');
  });

  it('refuses a blank price with "Enter a number." rather than reading it as 0, and a price above 1,000,000.00', () => {
    expect(messageOf('  ')).toBe('Enter a number.');
    expect(messageOf(undefined)).toBe('Enter a number.');
    expect(MAX_PORT_PRICE_CENTS).toBe(100_000_000);
    expect(messageOf('1000000.01')).toBe('At most 1,000,000.00.');
    expect(messageOf('9'.repeat(400))).toBe('At most 1,000,000.00.');
  });
});

describe('PORT_PRICE_CURRENCY, the currency the price is in', () => {
  it('is USD unless set, takes an ISO 4217 code in any case, and stops start-up on anything else, naming the variable', () => {
    expect(getEnv({ NODE_ENV: 'test' }).PORT_PRICE_CURRENCY).toBe('USD');
    expect(getEnv({ NODE_ENV: 'test', PORT_PRICE_CURRENCY: '' }).PORT_PRICE_CURRENCY).toBe('USD');
    expect(getEnv({ NODE_ENV: 'test', PORT_PRICE_CURRENCY: 'brl' }).PORT_PRICE_CURRENCY).toBe('BRL');
    expect(getEnv({ NODE_ENV: 'test', PORT_PRICE_CURRENCY: 'EUR' }).PORT_PRICE_CURRENCY).toBe('EUR');
    for (const wrong of ['dollars', 'XYZ', 'US$', 'EURO']) {
      expect(() => getEnv({ NODE_ENV: 'test', PORT_PRICE_CURRENCY: wrong })).toThrow(/PORT_PRICE_CURRENCY must be an ISO 4217 currency code/);
    }
  });
});
