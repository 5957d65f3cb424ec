import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { tenantIdSchema } from './tenant';
import { forbiddenCharacterMessage } from './text';

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
  .string({ error: 'Name the SSO group.' })
  .min(1, 'Name the SSO group.')
  .max(MAX_GROUP_NAME_LENGTH, `At most ${MAX_GROUP_NAME_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const forbidden = forbiddenCharacterMessage(value);
    if (forbidden) ctx.addIssue({ code: 'custom', message: forbidden });
    else if (value.trim() !== value) {
      ctx.addIssue({
        code: 'custom',
        message: 'Remove the spaces at the start or end: group names are matched exactly as the identity provider sends them.',
      });
    } else if (!GROUP_NAME_PATTERN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: "Start with a letter or digit, and use letters, digits, spaces and . _ - @ : / \\ ( ) & + # ' , = only.",
      });
    }
  });

export const roleMappingSchema = z.strictObject({
  group: groupNameSchema,
  permissions: z.array(z.enum(PERMISSIONS, { error: 'Not a permission.' })).max(PERMISSIONS.length),
});
export type RoleMappingInput = z.infer<typeof roleMappingSchema>;

/**
 * Removing names an existing mapping, which may predate the pattern (a `__proto__` mapping saved
 * before it): any stored name can be removed, matched exactly.
 */
export const deleteRoleMappingSchema = z.strictObject({
  group: z
    .string({ error: 'Name the SSO group.' })
    .min(1, 'Name the SSO group.')
    .max(MAX_GROUP_NAME_LENGTH, `At most ${MAX_GROUP_NAME_LENGTH} characters.`)
    .refine((value) => !value.includes('\u0000'), { message: 'Not a group name.' }),
});

export const tenantFlagsSchema = z.strictObject({
  tenantId: tenantIdSchema,
  monitoringGatewayEnabled: z.boolean(),
  personalConnectionEnabled: z.boolean(),
});
export type TenantFlagsInput = z.infer<typeof tenantFlagsSchema>;

export const endUserSessionsSchema = z.strictObject({ userId: z.uuid({ error: 'Not a user id.' }) });
export type EndUserSessionsInput = z.infer<typeof endUserSessionsSchema>;
