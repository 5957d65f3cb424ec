import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditEvents, type AuditEventRow } from '@/db/schema';

/** What a caller says about an event; `at` is the database's (a trigger stamps it), never the caller's. */
export type AuditEntry = Omit<typeof auditEvents.$inferInsert, 'id' | 'at'>;

export async function recordAudit(tx: Executor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.insert(auditEvents).values(entries);
}

export async function listRequestAudit(db: Executor, requestId: string): Promise<AuditEventRow[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)).orderBy(asc(auditEvents.id));
}
