import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditEvents, type AuditEventRow } from '@/db/schema';

export type AuditEntry = typeof auditEvents.$inferInsert;

export async function recordAudit(tx: Executor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length > 0) await tx.insert(auditEvents).values(entries);
}

export async function listRequestAudit(db: Executor, requestId: string): Promise<AuditEventRow[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)).orderBy(asc(auditEvents.id));
}
