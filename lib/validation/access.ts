import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { tenantIdSchema } from './tenant';
import { forbiddenCharacters, whenWrongType } from './text';

export const MAX_GROUP_NAME_LENGTH = 200;

/**
 * SSO group names as identity providers send them (README, Single sign-on): Okta, Auth0 and Keycloak
 * names with spaces and accented letters, Entra object ids (GUIDs), `DOMAIN\name`, `name@domain`,
 * directory DNs. A letter or digit first, then letters (any script), digits, spaces and
 * . _ - @ : / \ ( ) & + # ' , = with no space last; at most 200 characters. So no control or
 * invisible character, no space at either end, nothing like `__proto__`.
 */
export const GROUP_NAME_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._\-@:/\\()&+#',=]*[\p{L}\p{N}._\-@:/\\()&+#',=])?$/u;

/**
 * Group names are matched exactly, as the IdP spells them: never trimmed (" sspm-account-rep" is
 * not "sspm-account-rep") and never case-folded, so a name with a space at either end is refused.
 */
export const groupNameSchema = z
  .string({ error: whenWrongType('group_required') })
  .min(1, 'group_required')
  .max(MAX_GROUP_NAME_LENGTH)
  .superRefine((value, ctx) => {
    const forbidden = forbiddenCharacters(value);
    if (forbidden) ctx.addIssue({ code: 'custom', ...forbidden });
    else if (value.trim() !== value) {
      ctx.addIssue({ code: 'custom', message: 'group_spaces' });
    } else if (!GROUP_NAME_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'group_pattern' });
    }
  });

export const roleMappingSchema = z.strictObject({
  group: groupNameSchema,
  permissions: z.array(z.enum(PERMISSIONS, { error: 'permission_unknown' })).max(PERMISSIONS.length),
});
export type RoleMappingInput = z.infer<typeof roleMappingSchema>;

/**
 * Removing names an existing mapping, which may predate the pattern (a `__proto__` mapping saved
 * before it): any stored name can be removed, matched exactly.
 */
export const deleteRoleMappingSchema = z.strictObject({
  group: z
    .string({ error: whenWrongType('group_required') })
    .min(1, 'group_required')
    .max(MAX_GROUP_NAME_LENGTH)
    .refine((value) => !value.includes('\u0000'), { message: 'group_name' }),
});

export const tenantFlagsSchema = z.strictObject({
  tenantId: tenantIdSchema,
  monitoringGatewayEnabled: z.boolean(),
  personalConnectionEnabled: z.boolean(),
});
export type TenantFlagsInput = z.infer<typeof tenantFlagsSchema>;

export const endUserSessionsSchema = z.strictObject({ userId: z.uuid({ error: 'user_id' }) });
export type EndUserSessionsInput = z.infer<typeof endUserSessionsSchema>;
