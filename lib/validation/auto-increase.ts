import { z } from 'zod';
import { tenantIdSchema } from './tenant';

/** The tenant page's switch: the tenant and the state asked for. */
export const autoIncreaseSwitchSchema = z.strictObject({
  tenantId: tenantIdSchema,
  enabled: z.enum(['on', 'off']),
});
export type AutoIncreaseSwitchInput = z.infer<typeof autoIncreaseSwitchSchema>;
