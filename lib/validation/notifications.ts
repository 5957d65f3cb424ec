import { z } from 'zod';

export const markReadSchema = z.strictObject({
  ids: z.union([z.literal('all'), z.array(z.number().int().positive()).max(100)], {
    error: 'notification_ids',
  }),
});
