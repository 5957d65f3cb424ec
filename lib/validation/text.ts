import { z } from 'zod';

// PostgreSQL text cannot hold NUL, and other control characters have no business in these fields;
// tab and line breaks are fine.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** For text from systems rather than people (a Salesforce comment): drop what `text()` would refuse. */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '');
}

/** A trimmed string without control characters: every free-text input goes through it. */
export function text() {
  return z
    .string()
    .trim()
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'Remove the control characters from this text.' });
}
