import type { useFormatter } from 'next-intl';

type Formatter = ReturnType<typeof useFormatter>;

/**
 * Integer cents of `currency` (PORT_PRICE_CURRENCY, passed down from the server) in the reader's
 * number format; `signed` marks an increase with + (a saving keeps its minus either way).
 */
export function formatCents(format: Formatter, cents: number, currency: string, signed = false): string {
  return format.number(cents / 100, { style: 'currency', currency, signDisplay: signed ? 'exceptZero' : 'auto' });
}
