import 'server-only';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { sessions, type SessionRow } from '@/db/schema';

type NewSession = { userId: string; provider: string; now: Date; maxAgeMs: number };

/** Starts a server-side session; its expiry is absolute and nothing extends it. */
export async function insertSession(db: Executor, { userId, provider, now, maxAgeMs }: NewSession): Promise<SessionRow> {
  const [row] = await db
    .insert(sessions)
    .values({ userId, provider, createdAt: now, expiresAt: new Date(now.getTime() + maxAgeMs) })
    .returning();
  return row!;
}

/** Whether the session is still live: not ended, not expired. */
export async function isSessionLive(db: Executor, id: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt), gt(sessions.expiresAt, now)));
  return Boolean(row);
}

export async function endSession(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now, endReason: 'signed_out' })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

/** Ends every live session of the user (an Account Representative's action); answers how many. */
export async function endUserSessions(db: Executor, userId: string, now: Date): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: 'ended_by_rep' })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Live sessions per user, for the access page. */
export async function countLiveSessions(db: Executor, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: sessions.userId, live: count() })
    .from(sessions)
    .where(and(isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .groupBy(sessions.userId);
  return new Map(rows.map((row) => [row.userId, row.live]));
}
