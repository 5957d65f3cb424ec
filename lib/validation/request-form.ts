import { PORT_TYPES } from '@/lib/domain/ports';
import type { CreateRequestBody } from './request';

/**
 * Turns the new-request form's strings into the API's body, so that the form and the API are
 * checked by the same schema (createRequestSchema). An empty port field means "leave as it is".
 */
export function createRequestBodyFromForm(form: FormData): CreateRequestBody {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const numbers = (prefix: string) => {
    const values: Record<string, number> = {};
    for (const type of PORT_TYPES) {
      const raw = text(`${prefix}${type}`);
      if (raw !== '') values[type] = Number(raw);
    }
    return values;
  };
  const revertAt = text('revertAt');
  return {
    tenantId: text('tenantId'),
    changes: numbers(''),
    expected: numbers('expected.'),
    reason: text('reason'),
    justification: justificationFromForm(form) || undefined,
    // datetime-local inputs carry no zone; the form sends the browser's UTC conversion in revertAtUtc.
    revertAt: text('revertAtUtc') || (revertAt ? toIsoOrRaw(revertAt) : undefined),
  };
}

/** An unreadable date stays as typed, so the schema rejects it with its own message. */
function toIsoOrRaw(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * The justification a rep reads: the requester's words, and the expected peak of simultaneous calls
 * when the form asked for it. The API takes both as one justification text.
 */
export function justificationFromForm(form: FormData): string {
  const read = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const peak = read('expectedPeak');
  return [read('justification'), peak ? `Expected peak of simultaneous calls: ${peak}` : ''].filter(Boolean).join('\n');
}
