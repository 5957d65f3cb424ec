import 'server-only';
import { and, asc, count, eq, gt, isNotNull, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { caseOperations, type CaseOperationRow, changeRequests } from '@/db/schema';

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
