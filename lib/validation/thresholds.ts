import { z } from 'zod';
import { MAX_PORTS } from '@/lib/domain/ports';
import { text } from './text';

const ports = z.coerce
  .number({ error: 'Give a number of ports.' })
  .int('Give a whole number of ports.')
  .min(0, 'At least 0.')
  .max(MAX_PORTS, `At most ${MAX_PORTS}.`);

export const globalSettingsSchema = z.strictObject({
  dailyThreshold: ports,
  portPriceCents: z.coerce
    .number({ error: 'Give a price in cents.' })
    .int('Give the price in whole cents.')
    .min(0, 'At least 0.')
    .max(100_000_000, 'At most 1,000,000.00.'),
});
export type GlobalSettingsInput = z.infer<typeof globalSettingsSchema>;

/** An empty override means "use the global threshold". */
export const tenantThresholdSchema = z.strictObject({
  tenantId: text().min(1, 'Choose a tenant.').max(200, 'Not a tenant id.'),
  dailyThreshold: z.preprocess((value) => (value === '' || value === undefined ? null : value), ports.nullable()),
});
export type TenantThresholdInput = z.infer<typeof tenantThresholdSchema>;
