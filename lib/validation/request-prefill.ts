import { z } from 'zod';
import { MAX_PORTS, PORT_TYPES, type PortType, type RequestedLimits } from '@/lib/domain/ports';
import type { SearchParams } from './search-params';

/**
 * The new-request form's pre-filled limits, from its address (issue 13 §6: a right-sizing suggestion
 * opens the form with its numbers; the user still submits it and every rule still applies). A value
 * is a whole number of ports from 0 to MAX_PORTS, written in digits; anything else is left out and
 * named, never an error page.
 */
export const prefillPortSchema = z.string().trim().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(0).max(MAX_PORTS));

export type RequestPrefill = { limits: RequestedLimits; ignored: PortType[] };

export function parseRequestPrefill(params: SearchParams, types: readonly PortType[]): RequestPrefill {
  const limits: RequestedLimits = {};
  const ignored: PortType[] = [];
  for (const type of PORT_TYPES) {
    const value = params[type];
    if (value === undefined) continue;
    const parsed = typeof value === 'string' && types.includes(type) ? prefillPortSchema.safeParse(value) : null;
    if (parsed?.success) limits[type] = parsed.data;
    else ignored.push(type);
  }
  return { limits, ignored };
}

/** The form's address for `tenantId`, pre-filled with `limits`. `tenant` is the form's own parameter. */
export function newRequestHref(tenantId: string, limits: RequestedLimits = {}): string {
  const params = new URLSearchParams({ tenant: tenantId });
  for (const type of PORT_TYPES) {
    const value = limits[type];
    if (value !== undefined) params.set(type, String(value));
  }
  return `/requests/new?${params.toString()}`;
}
