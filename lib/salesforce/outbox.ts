import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { caseOperations, changeRequests, type CaseOperationRow } from '@/db/schema';
import { type CaseCloseStatus, type CaseDesk, CaseDeskError } from './case-desk';

export type CaseOperation =
  | { kind: 'open'; subject: string; description: string }
  | { kind: 'comment'; body: string }
  | { kind: 'close'; status: CaseCloseStatus; comment: string };

/** Written in the caller's transaction, so the case operation exists if and only if the change does. */
export async function enqueueCaseOperations(
  tx: Executor,
  requestId: string,
  operations: CaseOperation[],
  now: Date,
): Promise<void> {
  if (operations.length === 0) return;
  await tx.insert(caseOperations).values(
    operations.map(({ kind, ...payload }) => ({ requestId, kind, payload, nextAttemptAt: now, createdAt: now })),
  );
}

const LEASE_MS = 2 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Exponential backoff with jitter, so that a desk coming back is not met by every retry at once. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random()));
}

/**
 * After a call whose outcome is unknown (no answer: a timeout, a dropped connection), Salesforce
 * may still apply it well after SSPM gave up. The retry waits at least this long, so that it finds
 * what a late call left (the comment's marker) instead of racing it and posting twice.
 */
export const UNSETTLED_RETRY_MS = 30_000;

export function nextAttemptDelayMs(error: unknown, attempts: number): number {
  const outcomeUnknown = !(error instanceof CaseDeskError) || error.code === 'NETWORK' || error.code === 'UNEXPECTED';
  const delay = retryDelayMs(attempts);
  return outcomeUnknown ? Math.max(delay, UNSETTLED_RETRY_MS) : delay;
}

export type DispatchOptions = {
  requestId?: string;
  now?: () => Date;
  batchSize?: number;
  deadline?: number;
};

export type DispatchReport = { sent: number; retrying: number; failed: number };

/**
 * Sends due case operations, oldest first, never one of a request before the earlier ones of that
 * request are sent. Claiming takes a lease (SKIP LOCKED), so dispatchers on several instances never
 * send the same operation at once; a dispatcher that dies mid-way lets its lease run out.
 */
export async function dispatchCaseOperations(
  db: Database,
  desk: CaseDesk,
  options: DispatchOptions = {},
): Promise<DispatchReport> {
  const now = options.now ?? (() => new Date());
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) return report;
    const claimed = await claimDue(db, now(), options.batchSize ?? 20, options.requestId);
    if (claimed.length === 0) return report;
    for (const operation of claimed) {
      const outcome = await send(db, desk, operation, now);
      report[outcome] += 1;
    }
  }
}

async function claimDue(db: Database, now: Date, limit: number, requestId?: string): Promise<CaseOperationRow[]> {
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

async function send(
  db: Database,
  desk: CaseDesk,
  operation: CaseOperationRow,
  clock: () => Date,
): Promise<keyof DispatchReport> {
  try {
    await perform(db, desk, operation);
    await db
      .update(caseOperations)
      .set({ state: 'sent', sentAt: clock(), lastError: null })
      .where(eq(caseOperations.id, operation.id));
    return 'sent';
  } catch (error) {
    const retryable = !(error instanceof CaseDeskError) || error.retryable;
    // Reps read lastError on the request's page: the desk's own short message, never a raw error.
    const message = error instanceof CaseDeskError ? error.message : 'Unexpected error; the server log has the detail.';
    console.error(
      `case operation ${operation.id} (${operation.kind}) failed${retryable ? ', will retry' : ' for good'}:`,
      error instanceof CaseDeskError ? message : error,
    );
    await db
      .update(caseOperations)
      .set(
        retryable
          ? // Timed from the failure, not from the claim: a call that timed out took its whole timeout.
            { lastError: message, nextAttemptAt: new Date(clock().getTime() + nextAttemptDelayMs(error, operation.attempts)) }
          : { lastError: message, state: 'failed' },
      )
      .where(eq(caseOperations.id, operation.id));
    return retryable ? 'retrying' : 'failed';
  }
}

async function perform(db: Database, desk: CaseDesk, operation: CaseOperationRow): Promise<void> {
  const payload = operation.payload as Record<string, string>;
  if (operation.kind === 'open') {
    const ref = await desk.openCase({
      externalId: operation.requestId,
      subject: payload.subject ?? '',
      description: payload.description ?? '',
    });
    await db
      .update(changeRequests)
      .set({ caseId: ref.caseId, caseNumber: ref.caseNumber })
      .where(eq(changeRequests.id, operation.requestId));
    return;
  }
  const [request] = await db
    .select({ caseId: changeRequests.caseId })
    .from(changeRequests)
    .where(eq(changeRequests.id, operation.requestId));
  if (!request?.caseId) throw new CaseDeskError('The case is not open yet.', { retryable: true });
  // The operation's id keys its comment, so that a retry of a call whose answer was lost (applied,
  // then timed out) finds the comment instead of posting it twice. `attempts` counts claims, and a
  // claim comes before its call: above 1, an earlier call may have reached the desk.
  const comment = (body: string | undefined) => ({ body: body ?? '', key: String(operation.id), retry: operation.attempts > 1 });
  if (operation.kind === 'comment') await desk.addComment(request.caseId, comment(payload.body));
  else await desk.closeCase(request.caseId, { status: payload.status as CaseCloseStatus, comment: comment(payload.comment) });
}
