import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { generateApiToken, hashApiToken } from '../lib/auth/api-token-secret';
import { MAX_TOKEN_DAYS } from '../lib/validation/api-token';
import type { Executor } from './client';
import { USAGE_FEED_EMAIL } from './demo-data';
import { apiTokens, users } from './schema';

/**
 * The demo's usage feed (`npm run usage:feed`) posts through the API like a real pipeline, with a
 * personal API token of the demo's service user. In demo mode on this machine, the seed keeps one
 * valid token for it and its secret in a file beside the embedded database (as the demo's auth
 * secret, lib/auth/secret.ts), readable by its owner only, where the feed finds it.
 */

const DAY_MS = 86_400_000;
/** The token lives as long as a token may (MAX_TOKEN_DAYS), and is replaced when less than this is left. */
const RENEW_DAYS = 7;
const USAGE_FEED_TOKEN_NAME = 'Usage feed (demo)';

/** The file the secret is kept in, beside the embedded database's directory (PGLITE_DIR). */
export function usageFeedTokenFile(pgliteDir = '.data/pglite'): string {
  return path.join(path.dirname(path.resolve(pgliteDir.replace(/^memory:\/\//, '.data/memory'))), 'usage-feed-token');
}

/**
 * Keeps `file` holding a working token of the feed's user: the one in it when the database knows
 * it (not revoked, not about to expire), else a new one (recorded in the audit log). Answers what
 * it did; 'no_user' when the feed's user is not in the database.
 */
export async function ensureUsageFeedToken(db: Executor, file: string, now: Date): Promise<'kept' | 'minted' | 'no_user'> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, USAGE_FEED_EMAIL));
  if (!user) return 'no_user';
  const current = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (current) {
    const [valid] = await db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(
        and(
          eq(apiTokens.tokenHash, hashApiToken(current)),
          eq(apiTokens.userId, user.id),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, new Date(now.getTime() + RENEW_DAYS * DAY_MS)),
        ),
      );
    if (valid) return 'kept';
  }
  // Server code (the audit log's module is marked server-only): loaded when a token is minted.
  const [{ insertApiToken }, { recordAudit }] = await Promise.all([import('../lib/data/api-tokens'), import('../lib/data/audit')]);
  const { token, hash, prefix } = generateApiToken();
  await db.transaction(async (tx) => {
    const row = await insertApiToken(tx, {
      userId: user.id,
      name: USAGE_FEED_TOKEN_NAME,
      tokenHash: hash,
      prefix,
      expiresAt: new Date(now.getTime() + MAX_TOKEN_DAYS * DAY_MS),
      createdAt: now,
    });
    await recordAudit(tx, {
      actor: USAGE_FEED_EMAIL,
      action: 'api_token_created',
      details: { tokenId: row.id, name: USAGE_FEED_TOKEN_NAME, expiresAt: row.expiresAt.toISOString() },
    });
  });
  // After the commit: the file never holds a token the database does not have.
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return 'minted';
}
