import { z } from 'zod';
import { REQUEST_STATUSES } from '@/lib/domain/lifecycle';
import { perPortType } from '@/lib/domain/ports';
import { tenantIdSchema } from './tenant';
import { text } from './text';

/** Whole-number and range checks are port rules (limit_out_of_range, 422), not shape checks. */
const portValue = z.number({ error: 'number_expected' });

export const portValuesSchema = z.strictObject(perPortType(() => portValue.optional()));

const optionalText = (max: number) =>
  text()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : undefined));

export const justificationSchema = text().min(1, 'justification_required').max(4000);

export const createRequestSchema = z.strictObject({
  tenantId: tenantIdSchema,
  changes: portValuesSchema,
  expected: portValuesSchema.optional(),
  reason: text().min(1, 'reason_required').max(1000),
  justification: optionalText(4000),
  revertAt: z.iso
    .datetime({ offset: true, error: 'revert_at_format' })
    .nullish()
    .transform((value) => (value ? new Date(value) : undefined)),
});
export type CreateRequestInput = z.infer<typeof createRequestSchema>;
export type CreateRequestBody = z.input<typeof createRequestSchema>;

export const addInformationSchema = z.strictObject({ justification: justificationSchema });
export type AddInformationInput = z.infer<typeof addInformationSchema>;

export const decisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject'], { error: 'decision_value' }),
  comment: text().max(2000).default(''),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const requestStatusSchema = z.enum(REQUEST_STATUSES, { error: 'request_status' });

export const listRequestsQuerySchema = z.object({
  tenantId: tenantIdSchema.optional(),
  status: requestStatusSchema.optional(),
  // Opaque here: decodeCursor checks it and answers invalid_cursor.
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

export const requestIdSchema = z.uuid({ error: 'request_id' });

/** SPEC §2: one tenant per request, told apart by the shape of the input. */
export function namesSeveralTenants(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return Array.isArray(record.tenantId) || 'tenantIds' in record || Array.isArray(record.tenants);
}
