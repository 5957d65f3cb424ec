import { z } from 'zod';
import { REQUEST_STATUSES } from '@/lib/domain/lifecycle';
import { type DateBound, REQUEST_SORTS } from '@/lib/domain/request-list';
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

// The years a date filter may name: PostgreSQL refuses year 0, and nothing was requested before 1900.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 9999;
const yearAllowed = (year: number) => year >= EARLIEST_YEAR && year <= LATEST_YEAR;
const daySchema = z.iso.date();
const instantSchema = z.iso.datetime({ offset: true });

/** One end of the creation-date range: a day (`2026-11-26`, the reader's time zone) or an instant with its offset. */
export const dateBoundSchema = z.string().transform((value, ctx): DateBound => {
  if (daySchema.safeParse(value).success && yearAllowed(Number(value.slice(0, 4)))) return { kind: 'day', day: value };
  if (instantSchema.safeParse(value).success) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime()) && yearAllowed(at.getUTCFullYear())) return { kind: 'instant', at };
  }
  ctx.addIssue({ code: 'custom', message: 'list_date' });
  return z.NEVER;
});

const requestListFilters = {
  tenantId: tenantIdSchema.optional(),
  status: requestStatusSchema.optional(),
  // Case number, reason or requester, anywhere in the text; blank means no search.
  q: optionalText(200),
  from: dateBoundSchema.optional(),
  to: dateBoundSchema.optional(),
  sort: z.enum(REQUEST_SORTS, { error: 'list_sort' }).optional(),
};

/**
 * A range whose end comes before its start is a mistake to name rather than an empty list. Days are
 * compared as days and instants as instants; a day against an instant depends on the time zone and
 * is left to the query (where such a range simply matches nothing).
 */
function rangeInOrder(value: { from?: DateBound; to?: DateBound }, ctx: z.core.$RefinementCtx): void {
  const { from, to } = value;
  if (!from || !to || from.kind !== to.kind) return;
  const inverted = from.kind === 'day' && to.kind === 'day' ? from.day > to.day : from.kind === 'instant' && to.kind === 'instant' && from.at > to.at;
  if (inverted) ctx.addIssue({ code: 'custom', message: 'list_range', path: ['to'] });
}

/** GET /api/v1/requests and the requests page: the filters, the sort, and a cursor page. */
export const listRequestsQuerySchema = z
  .object({
    ...requestListFilters,
    // Opaque here: decodeCursor checks it (and that it was given out for this sort) and answers invalid_cursor.
    cursor: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine(rangeInOrder);
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

/** GET /api/v1/requests.csv: the same filters and sort, every matching row (no cursor, no limit). */
export const exportRequestsQuerySchema = z.object(requestListFilters).superRefine(rangeInOrder);
export type ExportRequestsQuery = z.infer<typeof exportRequestsQuerySchema>;

export const requestIdSchema = z.uuid({ error: 'request_id' });

/** SPEC §2: one tenant per request, told apart by the shape of the input. */
export function namesSeveralTenants(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return Array.isArray(record.tenantId) || 'tenantIds' in record || Array.isArray(record.tenants);
}
