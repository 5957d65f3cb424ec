import { describe, expect, it } from 'vitest';
import { addInformationSchema, createRequestSchema, decisionSchema, listRequestsQuerySchema, requestStatusSchema } from '@/lib/validation/request';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { searchParam } from '@/lib/validation/search-params';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { stripControlCharacters, text } from '@/lib/validation/text';
import { renderIssue } from '@/lib/i18n/render-error';
import { translatorFor } from '@/lib/i18n/translate';

const english = translatorFor('en');

const CHARACTER_CLASSES: [string, string[]][] = [
  ['bidirectional embeddings and overrides (U+202A–U+202E)', ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e']],
  ['bidirectional isolates (U+2066–U+2069)', ['\u2066', '\u2067', '\u2068', '\u2069']],
  ['zero-width characters (U+200B–U+200D, U+2060, U+FEFF)', ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']],
  ['invisible operators (U+2061–U+2064)', ['\u2061', '\u2062', '\u2063', '\u2064']],
  ['direction marks LRM, RLM and ALM (U+200E, U+200F, U+061C)', ['\u200e', '\u200f', '\u061c']],
  ['NEXT LINE and the other C1 controls (U+0080–U+009F)', ['\u0085', '\u0080', '\u009b', '\u009f']],
  ['NUL and the C0 controls', ['\u0000', '\u0007', '\u001b', '\u007f']],
];

const hex = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('free text refuses invisible and direction-changing characters', () => {
  describe.each(CHARACTER_CLASSES)('issue 8 item 6.3: %s', (_name, characters) => {
    it.each(characters.map((character) => [hex(character), character]))('refuses %s inside a text, with a message that says what to remove', (_code, character) => {
      const result = text().safeParse(`Membership ${character}drive`);
      expect(result.success).toBe(false);
      expect(renderIssue(english, result.error!.issues[0]!)).toMatch(/^Remove the (control characters|invisible character U\+[0-9A-F]{4})/);
    });

    it.each(characters.map((character) => [hex(character), character]))('strips %s from text that comes from other systems', (_code, character) => {
      expect(stripControlCharacters(`Approved ${character}in Salesforce`)).toBe('Approved in Salesforce');
    });
  });

  it('issue 8 item 6.3: names the right-to-left override in its message', () => {
    expect(renderIssue(english, text().safeParse('Drive \u202e001').error!.issues[0]!)).toContain('U+202E');
  });

  it('issue 8 item 6.3: refuses them in every free-text field: reasons, justifications, comments, token names', () => {
    const rlo = 'a\u202eb';
    expect(createRequestSchema.safeParse({ tenantId: 'league', changes: { concurrent: 200 }, reason: rlo }).success).toBe(false);
    expect(createRequestSchema.safeParse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'x', justification: rlo }).success).toBe(false);
    expect(addInformationSchema.safeParse({ justification: 'zero\u200bwidth' }).success).toBe(false);
    expect(decisionSchema.safeParse({ decision: 'reject', comment: 'isolate \u2066here\u2069' }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: 'ci\u200d', expiresInDays: 30 }).success).toBe(false);
  });

  it('issue 8 item 6.3: keeps what people do type: tabs, line breaks, accents, arrows, emoji, other scripts', () => {
    const typed = 'Campanha de verão → 200 portas\tok\r\nnäïve 🙂 東京 שלום مرحبا';
    expect(text().parse(typed)).toBe(typed);
    expect(stripControlCharacters(typed)).toBe(typed);
  });

  it('issue 8 item 6.3: refuses an emoji joined with U+200D (👩‍💻) too: the joiner is zero-width wherever it stands', () => {
    expect(text().safeParse('Remote team 👩\u200d💻').success).toBe(false);
  });
});

describe('ids and filters in query strings and addresses', () => {
  it.each(['\u0000', 'league\u0000', '\u202eleague', 'lea\u200bgue', '\u0085'])(
    'issue 8 item 6.2: a tenant id %j is no tenant id, so it never reaches the database',
    (value) => {
      expect(tenantIdSchema.safeParse(value).success).toBe(false);
      expect(listRequestsQuerySchema.safeParse({ tenantId: value }).success).toBe(false);
    },
  );

  it('issue 8 item 6.2: a page reads a NUL, invalid or repeated address value as absent, and a good one through the schema', () => {
    const params = { tenant: '\u0000', status: 'approved\u0000', other: ['league', 'classics'], good: ' league ' };
    expect(searchParam(params, 'tenant', tenantIdSchema)).toBeUndefined();
    expect(searchParam(params, 'status', requestStatusSchema)).toBeUndefined();
    expect(searchParam(params, 'other', tenantIdSchema)).toBeUndefined();
    expect(searchParam(params, 'missing', tenantIdSchema)).toBeUndefined();
    expect(searchParam(params, 'good', tenantIdSchema)).toBe('league');
    expect(searchParam({ status: 'in_review' }, 'status', requestStatusSchema)).toBe('in_review');
  });
});
