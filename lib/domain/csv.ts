/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet. Text that a spreadsheet would run as a
 * formula (OWASP "CSV injection": a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading single quote, which spreadsheets show as text and never evaluate; then any
 * cell holding a quote, a comma or a line break is quoted, its quotes doubled.
 */

/** A cell: text (neutralised and quoted as needed), a number (written plainly), or empty. */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text as one CSV cell. */
export function csvText(value: string): string {
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

/**
 * A cell of any kind. Numbers are the program's own values (port counts), written as digits with
 * no grouping; a number that is not finite has no CSV spelling and is refused.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`a CSV number must be finite, not ${value}`);
    return String(value);
  }
  return csvText(value);
}

/** One record, ended by CRLF as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
