import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { text } from './text';

/** SSO group names as identity providers send them: no spaces at the ends, nothing exotic. */
export const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the SSO group.')
  .max(200, 'At most 200 characters.')
  .regex(/^[\w.@:/ -]+$/, 'Use letters, digits, spaces and . _ - @ : / only.');

export const roleMappingSchema = z.strictObject({
  group: groupNameSchema,
  permissions: z.array(z.enum(PERMISSIONS, { error: 'Not a permission.' })).max(PERMISSIONS.length),
});
export type RoleMappingInput = z.infer<typeof roleMappingSchema>;

export const deleteRoleMappingSchema = z.strictObject({ group: groupNameSchema });

export const tenantFlagsSchema = z.strictObject({
  tenantId: text().min(1, 'Choose a tenant.').max(200, 'Not a tenant id.'),
  monitoringGatewayEnabled: z.boolean(),
  personalConnectionEnabled: z.boolean(),
});
export type TenantFlagsInput = z.infer<typeof tenantFlagsSchema>;
