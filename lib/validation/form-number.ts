import { z } from 'zod';

/**
 * A number typed into a form field. `z.coerce.number()` reads a blank field as 0 (`Number('')` and
 * `Number('  ')` are 0), which saved an emptied threshold as zero: here a blank or unreadable field
 * is refused with "Enter a number." before `schema` checks the number itself.
 */
export function formNumber(schema: z.ZodNumber) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : Number(trimmed);
  }, schema);
}

/** Blank for "nothing": for the optional number fields where emptiness has a meaning of its own. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
