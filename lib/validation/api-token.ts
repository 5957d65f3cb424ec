import { z } from 'zod';
import { text, whenWrongType } from './text';

export const MAX_TOKEN_DAYS = 365;

export const createApiTokenSchema = z.strictObject({
  name: text().min(1, 'token_name_required').max(100),
  expiresInDays: z.coerce
    .number({ error: whenWrongType('days_expected') })
    .int('whole_days')
    .min(1)
    .max(MAX_TOKEN_DAYS)
    .default(90),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.strictObject({ tokenId: z.uuid({ error: 'token_id' }) });
