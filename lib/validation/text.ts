import { z } from 'zod';

// PostgreSQL text cannot hold NUL, and other control characters (C0, DEL and C1, among them U+0085
// NEXT LINE) have no business in these fields; tab and line breaks are fine.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// Invisible characters that change what a reader sees without showing themselves: bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) turn "100 → 200" into something
// else on a rep's screen and in e-mails; zero-width characters (U+200B–U+200D, U+2060–U+2064,
// U+FEFF) make two different strings look alike. The direction marks LRM, RLM and ALM (U+200E,
// U+200F, U+061C) are refused too: they reorder the digits and punctuation around them just as
// invisibly, and the product's languages (English, Portuguese) are written left to right and never
// need them.
const INVISIBLE_CHARACTERS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const DROPPED = new RegExp(`${CONTROL_CHARACTERS.source}|${INVISIBLE_CHARACTERS.source}`, 'g');

/** For text from systems rather than people (a Salesforce comment): drop what `text()` would refuse. */
export function stripControlCharacters(value: string): string {
  return value.replace(DROPPED, '');
}

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `value` may not be stored as free text (a `validation` catalogue key and its parameters), or
 * null when it may.
 */
export function forbiddenCharacters(value: string): { message: string; params?: { character: string } } | null {
  if (CONTROL_CHARACTERS.test(value)) return { message: 'control_characters' };
  const invisible = INVISIBLE_CHARACTERS.exec(value);
  if (invisible) return { message: 'invisible_character', params: { character: codePoint(invisible[0]) } };
  return null;
}

/** A trimmed string without control or invisible characters: every free-text input goes through it. */
export function text() {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const forbidden = forbiddenCharacters(value);
      if (forbidden) ctx.addIssue({ code: 'custom', ...forbidden });
    });
}

/**
 * A schema's own message for a value of the wrong type only (`z.number({ error: whenWrongType(key) })`):
 * zod applies a schema-level message to every check, and the bounds have their own sentences.
 */
export function whenWrongType(key: string) {
  return (issue: { code: string }) => (issue.code === 'invalid_type' ? key : undefined);
}
