import type { z } from 'zod';

export type SearchParams = { [key: string]: string | string[] | undefined };

/**
 * One value of a page's address through a shared schema. Anyone can type an address: a missing,
 * repeated or invalid value (a NUL, a control character, an unknown status) reads as absent, so it
 * never reaches the database, and the page shows "not found" or its unfiltered view rather than the
 * error boundary.
 */
export function searchParam<Schema extends z.ZodType>(
  params: SearchParams,
  name: string,
  schema: Schema,
): z.output<Schema> | undefined {
  const value = params[name];
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
