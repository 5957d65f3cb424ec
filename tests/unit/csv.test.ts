import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvText } from '@/lib/domain/csv';
import { parseCsv } from '../support/csv';

describe('CSV cells: formula injection is neutralised (OWASP CSV injection)', () => {
  it.each([
    ['=', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+', '+1+1', "'+1+1"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1', "'\t=1"],
    ['a carriage return', '\r=1', `"'\r=1"`],
  ])('prefixes a single quote to text starting with %s', (_name, value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('neutralises the classic payloads and still quotes what needs quotes', () => {
    expect(csvText('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvText("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvText('-1,2')).toBe(`"'-1,2"`);
  });

  it('leaves text alone when a formula character is not its first (a dash inside, an e-mail)', () => {
    expect(csvText('Membership drive - second wave')).toBe('Membership drive - second wave');
    expect(csvText('percy@classics.example')).toBe('percy@classics.example');
    expect(csvText(' =1')).toBe(' =1');
  });

  it('writes numbers plainly, without grouping and without a quote, and refuses what is not finite', () => {
    expect(csvCell(150)).toBe('150');
    expect(csvCell(9999)).toBe('9999');
    expect(csvCell(0)).toBe('0');
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes a missing value as an empty cell', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });
});

describe('CSV cells: RFC 4180 quoting', () => {
  it.each([
    ['a comma', 'Drive, second wave', '"Drive, second wave"'],
    ['a quote', 'The "League"', '"The ""League"""'],
    ['a line feed', 'line one\nline two', '"line one\nline two"'],
    ['a CRLF', 'line one\r\nline two', '"line one\r\nline two"'],
  ])('quotes a cell holding %s and doubles its quotes', (_name, value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('keeps unicode as it is: accents, other scripts, emoji', () => {
    expect(csvText('Ação de associação')).toBe('Ação de associação');
    expect(csvText('Тест 東京 🎉')).toBe('Тест 東京 🎉');
    expect(csvText('“curly, quotes”')).toBe('"“curly, quotes”"');
  });

  it('ends each record with CRLF and separates cells with commas', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });

  it('reads back exactly, for any text, as a spreadsheet would: the value, or the value behind its quote', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('=1', '+1', '-1', '@a', '\t', '\r', '"', ',', '\r\n')), { minLength: 1, maxLength: 6 }), (values) => {
        const [record] = parseCsv(csvRow(values));
        expect(record).toHaveLength(values.length);
        record!.forEach((cell, index) => {
          const value = values[index]!;
          expect(cell).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        });
      }),
      { numRuns: 500 },
    );
  });
});
