import 'server-only';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { apiTokens, type ApiTokenRow } from '@/db/schema';

export type NewApiToken = typeof apiTokens.$inferInsert;

export async function insertApiToken(db: Executor, values: NewApiToken): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function listApiTokens(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; another user's token id reads as absent. */
export async function revokeApiToken(db: Executor, userId: string, id: string, now: Date): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

/** Records use at most once a minute per token, so that the API's hot path rarely writes. */
export async function touchApiToken(db: Executor, tokenId: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
}
