import 'server-only';
import { and, asc, count, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { caseOperations, type CaseOperationRow, changeRequests } from '@/db/schema';
import type { FailureVerdict } from '@/lib/jobs/outbox-retry';
import type { CaseOperation } from '@/lib/salesforce/outbox';

/** How long a claimed operation is left to its dispatcher before another may take it. */
const LEASE_MS = 2 * 60 * 1000;

/** Written in the caller's transaction, so the case operation exists if and only if the change does. */
export async function insertCaseOperations(tx: Executor, requestId: string, operations: CaseOperation[], now: Date): Promise<void> {
  await tx.insert(caseOperations).values(
    operations.map(({ kind, ...payload }) => ({ requestId, kind, payload, nextAttemptAt: now, createdAt: now })),
  );
}

/**
 * Claims due operations, oldest first, with a lease (SKIP LOCKED) so that dispatchers on several
 * instances never send the same one at once; never one of a request while an earlier one is unsent.
 */
export async function claimDueCaseOperations(db: Database, now: Date, limit: number, requestId?: string): Promise<CaseOperationRow[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const due = db
    .select({ id: caseOperations.id })
    .from(caseOperations)
    .where(
      and(
        eq(caseOperations.state, 'pending'),
        sql`${caseOperations.nextAttemptAt} <= ${now.toISOString()}::timestamptz`,
        requestId ? eq(caseOperations.requestId, requestId) : undefined,
        // Per-request order: an operation waits while an earlier one of its request is unsent.
        sql`not exists (select 1 from ${caseOperations} earlier
              where earlier.request_id = ${caseOperations.requestId}
                and earlier.id < ${caseOperations.id}
                and earlier.state <> 'sent')`,
      ),
    )
    .orderBy(caseOperations.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(caseOperations)
    .set({ nextAttemptAt: leaseUntil, attempts: sql`${caseOperations.attempts} + 1` })
    .where(inArray(caseOperations.id, due))
    .returning();
}

export async function markCaseOperationSent(db: Executor, id: number, sentAt: Date): Promise<void> {
  await db.update(caseOperations).set({ state: 'sent', sentAt, lastError: null }).where(eq(caseOperations.id, id));
}

export async function markCaseOperationFailed(db: Executor, id: number, verdict: FailureVerdict): Promise<void> {
  await db
    .update(caseOperations)
    .set(verdict.state === 'failed' ? { state: 'failed', lastError: verdict.lastError } : { lastError: verdict.lastError, nextAttemptAt: verdict.nextAttemptAt })
    .where(eq(caseOperations.id, id));
}

export async function setRequestCase(db: Executor, requestId: string, ref: { caseId: string; caseNumber: string }): Promise<void> {
  await db.update(changeRequests).set({ caseId: ref.caseId, caseNumber: ref.caseNumber }).where(eq(changeRequests.id, requestId));
}

export async function getRequestCaseId(db: Executor, requestId: string): Promise<string | null> {
  const [row] = await db.select({ caseId: changeRequests.caseId }).from(changeRequests).where(eq(changeRequests.id, requestId));
  return row?.caseId ?? null;
}

/** A request's case operations in the order they are sent. */
export async function listCaseOperations(db: Executor, requestId: string): Promise<CaseOperationRow[]> {
  return db.select().from(caseOperations).where(eq(caseOperations.requestId, requestId)).orderBy(asc(caseOperations.id));
}

/** Stuck: failed for good, or still pending after at least one failed attempt. */
export async function countStuckCaseOperations(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(caseOperations)
    .where(
      or(
        eq(caseOperations.state, 'failed'),
        and(eq(caseOperations.state, 'pending'), gt(caseOperations.attempts, 0)),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Requests in review whose case exists: the cases the scheduled sync reads back. */
export async function listInReviewCases(db: Executor): Promise<{ requestId: string; caseId: string }[]> {
  const rows = await db
    .select({ requestId: changeRequests.id, caseId: changeRequests.caseId })
    .from(changeRequests)
    .where(and(eq(changeRequests.status, 'in_review'), isNotNull(changeRequests.caseId)))
    .orderBy(asc(changeRequests.createdAt), asc(changeRequests.id));
  return rows.map((row) => ({ requestId: row.requestId, caseId: row.caseId! }));
}
