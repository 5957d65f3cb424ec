import type { ErrorCode, MessageParams } from '@/lib/domain/errors';
import type { Translator } from './translate';

/** A validation problem as zod reports it (`issue.message` is a catalogue key when a schema set one). */
export type IssueLike = {
  code: string;
  message: string;
  path?: readonly PropertyKey[];
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  expected?: unknown;
};

type Renderable = { code: ErrorCode | 'internal'; params?: MessageParams };

/** The sentence of an error code in the reader's language; its parameters fill the catalogue's ICU message. */
export function renderError(t: Translator, error: Renderable): string {
  return t(`errors.${error.code}`, (error.params ?? {}) as Record<string, string | number | Date>);
}

const scalar = (value: unknown): string | number =>
  typeof value === 'number' || typeof value === 'bigint' ? Number(value) : String(value ?? '');

/**
 * One validation problem in the reader's words: the key a schema gave (`validation.<key>`), else a
 * sentence for zod's issue code with its bounds.
 */
export function renderIssue(t: Translator, issue: IssueLike): string {
  const key = `validation.${issue.message}`;
  const params = Object.fromEntries(Object.entries(issue.params ?? {}).map(([name, value]) => [name, scalar(value)]));
  if (/^[a-z_]+$/.test(issue.message) && t.has(key as never)) return t(key as never, params as never);
  const origin = scalar(issue.origin);
  switch (issue.code) {
    case 'too_small':
      return t('validation.generic.too_small', { origin, minimum: scalar(issue.minimum) });
    case 'too_big':
      return t('validation.generic.too_big', { origin, maximum: scalar(issue.maximum) });
    case 'invalid_type':
      return t('validation.generic.invalid_type', { expected: scalar(issue.expected) });
    case 'unrecognized_keys':
      return t('validation.generic.unrecognized_keys');
    default:
      return t('validation.generic.invalid');
  }
}

/** Each field's problems in the reader's words, for forms (`fieldErrors[field]`). */
export function renderFieldErrors(t: Translator, issues: readonly IssueLike[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.path && issue.path.length > 0 ? String(issue.path[0]) : '';
    if (!field) continue;
    (fields[field] ??= []).push(renderIssue(t, issue));
  }
  return fields;
}
