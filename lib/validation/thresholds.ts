import { z } from 'zod';
import { MAX_PORTS } from '@/lib/domain/ports';
import { formNumber, isBlank } from './form-number';
import { tenantIdSchema } from './tenant';
import { whenWrongType } from './text';

const ENTER_A_NUMBER = whenWrongType('number_expected');

const ports = formNumber(
  z
    .number({ error: ENTER_A_NUMBER })
    .int('whole_ports')
    .min(0)
    .max(MAX_PORTS),
);

/** The highest monthly price of one port, in cents (1,000,000.00 in the configured currency). */
export const MAX_PORT_PRICE_CENTS = 100_000_000;

// Whole units, then at most two decimals after a point or a comma: Network Operations type the price
// as they write it in English (12.50) or in Portuguese (12,50). No sign and no thousands separator:
// "1,250" is refused rather than guessed to be 1250 or 1.25.
const PRICE = /^(\d+)(?:[.,](\d{1,2}))?$/;

/**
 * A price typed in currency units as integer cents ("12.50" and "12,50" are 1250, "12" is 1200, "0.5"
 * is 50), or null when it is not written that way. Read digit by digit, never through a float.
 */
export function parsePriceCents(typed: string): number | null {
  const match = PRICE.exec(typed.trim());
  if (!match) return null;
  const [, units, decimals = ''] = match;
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** The monthly price of a concurrent port as the form sends it (currency units, as text), stored in cents. */
const portPrice = z.string({ error: ENTER_A_NUMBER }).transform((typed, ctx) => {
  if (isBlank(typed)) {
    ctx.addIssue({ code: 'custom', message: 'number_expected' });
    return z.NEVER;
  }
  const cents = parsePriceCents(typed);
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'price_format' });
    return z.NEVER;
  }
  if (cents > MAX_PORT_PRICE_CENTS) {
    ctx.addIssue({ code: 'custom', message: 'price_max' });
    return z.NEVER;
  }
  return cents;
});

/** The global settings form: the price is typed in currency units (`portPrice`) and stored in cents. */
export const globalSettingsSchema = z
  .strictObject({ dailyThreshold: ports, portPrice })
  .transform(({ dailyThreshold, portPrice }) => ({ dailyThreshold, portPriceCents: portPrice }));
export type GlobalSettingsInput = z.output<typeof globalSettingsSchema>;

/** An empty (or blank) override means "use the global threshold"; it is never read as 0. */
export const tenantThresholdSchema = z.strictObject({
  tenantId: tenantIdSchema,
  dailyThreshold: z.preprocess((value) => (isBlank(value) ? null : value), ports.nullable()),
});
export type TenantThresholdInput = z.infer<typeof tenantThresholdSchema>;
