import { z } from 'zod';
import { MAX_PORTS } from '@/lib/domain/ports';
import { formNumber, isBlank } from './form-number';
import { tenantIdSchema } from './tenant';

const ENTER_A_NUMBER = 'Enter a number.';

const ports = formNumber(
  z
    .number({ error: ENTER_A_NUMBER })
    .int('Give a whole number of ports.')
    .min(0, 'At least 0.')
    .max(MAX_PORTS, `At most ${MAX_PORTS}.`),
);

export const globalSettingsSchema = z.strictObject({
  dailyThreshold: ports,
  portPriceCents: formNumber(
    z
      .number({ error: ENTER_A_NUMBER })
      .int('Give the price in whole cents.')
      .min(0, 'At least 0.')
      .max(100_000_000, 'At most 1,000,000.00.'),
  ),
});
export type GlobalSettingsInput = z.infer<typeof globalSettingsSchema>;

/** An empty (or blank) override means "use the global threshold"; it is never read as 0. */
export const tenantThresholdSchema = z.strictObject({
  tenantId: tenantIdSchema,
  dailyThreshold: z.preprocess((value) => (isBlank(value) ? null : value), ports.nullable()),
});
export type TenantThresholdInput = z.infer<typeof tenantThresholdSchema>;
