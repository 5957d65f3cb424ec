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

export const globalSettingsSchema = z.strictObject({
  dailyThreshold: ports,
  portPriceCents: formNumber(
    z
      .number({ error: ENTER_A_NUMBER })
      .int('whole_cents')
      .min(0)
      .max(100_000_000, 'price_max'),
  ),
});
export type GlobalSettingsInput = z.infer<typeof globalSettingsSchema>;

/** An empty (or blank) override means "use the global threshold"; it is never read as 0. */
export const tenantThresholdSchema = z.strictObject({
  tenantId: tenantIdSchema,
  dailyThreshold: z.preprocess((value) => (isBlank(value) ? null : value), ports.nullable()),
});
export type TenantThresholdInput = z.infer<typeof tenantThresholdSchema>;
