import { z } from 'zod';
import { text } from './text';

export const MAX_TOKEN_DAYS = 365;

export const createApiTokenSchema = z.strictObject({
  name: text().min(1, 'Name the token, for example after the script that uses it.').max(100, 'At most 100 characters.'),
  expiresInDays: z.coerce
    .number({ error: 'Give the number of days.' })
    .int('Give a whole number of days.')
    .min(1, 'At least one day.')
    .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`)
    .default(90),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.strictObject({ tokenId: z.uuid({ error: 'Not a token id.' }) });
