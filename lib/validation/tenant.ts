import { z } from 'zod';
import { text } from './text';

/** A tenant id wherever one comes in: forms, actions, the API's bodies and queries, pages' addresses. */
export const tenantIdSchema = text().min(1, 'tenant_required').max(200, 'tenant_id');

export const listTenantsQuerySchema = z.object({
  // Opaque here: decodeTenantCursor checks it and answers invalid_cursor.
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListTenantsQuery = z.infer<typeof listTenantsQuerySchema>;
