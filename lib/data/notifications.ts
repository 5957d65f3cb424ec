import 'server-only';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { notifications, type NotificationRow } from '@/db/schema';

export type NewNotification = typeof notifications.$inferInsert;

/** A notification already written for the same event and recipient is left as it is (dedupe key). */
export async function insertNotifications(tx: Executor, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey });
}

export async function listNotifications(db: Executor, recipient: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.recipient, recipient))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnread(db: Executor, recipient: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipient, recipient), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the recipient's own notifications read (all of them when no ids are given). */
export async function markRead(db: Executor, recipient: string, ids: number[] | 'all', now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.recipient, recipient),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.length > 0 ? ids : [-1]),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function listRequestNotifications(db: Executor, requestId: string): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.requestId, requestId)).orderBy(notifications.id);
}
