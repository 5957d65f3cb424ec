import { AppError } from '@/lib/domain/errors';

/**
 * The lists' opaque page cursors: the sort key of the last row given out, as base64url JSON of a
 * tuple of strings (a pair unless the codec says otherwise). Every value ends up in SQL, so a
 * cursor is accepted only exactly as it was given out: a short base64url text of a tuple that `read`
 * accepts and that re-encodes to the same bytes (no second spelling gets through); anything else is
 * invalid_cursor.
 */
export function encodePageCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export type CursorCodec<T> = {
  /** The longest text this list's cursors can be. */
  maxLength: number;
  /** How many strings a cursor holds (2 unless said). */
  arity?: number;
  /** The cursor of a decoded tuple, or null when the tuple is not one this list gives out. */
  read: (...parts: string[]) => T | null;
  encode: (cursor: T) => string;
};

export function decodePageCursor<T>(value: string, { maxLength, arity = 2, read, encode }: CursorCodec<T>): T {
  let cursor: T | null = null;
  if (value.length <= maxLength && /^[A-Za-z0-9_-]+$/.test(value)) {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      if (Array.isArray(decoded) && decoded.length === arity && decoded.every((part) => typeof part === 'string')) {
        cursor = read(...(decoded as string[]));
      }
    } catch {
      cursor = null;
    }
  }
  if (cursor === null || encode(cursor) !== value) {
    throw new AppError('invalid_cursor', {}, {
      field: 'cursor',
    });
  }
  return cursor;
}
