import { createHash, randomBytes } from 'node:crypto';

/** Tokens look like `sspm_<43 characters>`; the prefix lets scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'sspm_';

export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

/** Only this digest is stored; a high-entropy secret needs no slow hash, and lookups stay one index probe. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

