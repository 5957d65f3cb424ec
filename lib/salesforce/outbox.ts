import type { Database, Executor } from '@/db/client';
import type { CaseOperationRow } from '@/db/schema';
import {
  claimDueCaseOperations,
  getRequestCaseId,
  insertCaseOperations,
  markCaseOperationFailed,
  markCaseOperationSent,
  setRequestCase,
} from '@/lib/data/case-operations';
import { type DeliveryFailure, UNEXPECTED_DELIVERY_ERROR, afterFailure } from '@/lib/jobs/outbox-retry';
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
  await insertCaseOperations(tx, requestId, operations, now);
}

/** A case desk's failure in the outbox's terms: a refusal, a retryable fault, or no answer at all. */
export function caseDeskFailure(error: unknown): DeliveryFailure {
  if (!(error instanceof CaseDeskError)) return { retryable: true, outcomeUnknown: true, message: UNEXPECTED_DELIVERY_ERROR };
  return {
    retryable: error.retryable,
    outcomeUnknown: error.code === 'NETWORK' || error.code === 'UNEXPECTED',
    message: error.message,
  };
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
    const claimed = await claimDueCaseOperations(db, now(), options.batchSize ?? 20, options.requestId);
    if (claimed.length === 0) return report;
    for (const operation of claimed) {
      const outcome = await send(db, desk, operation, now);
      report[outcome] += 1;
    }
  }
}

async function send(
  db: Database,
  desk: CaseDesk,
  operation: CaseOperationRow,
  clock: () => Date,
): Promise<keyof DispatchReport> {
  try {
    await perform(db, desk, operation);
    await markCaseOperationSent(db, operation.id, clock());
    return 'sent';
  } catch (error) {
    // Reps read lastError on the request's page: the desk's own short message, never a raw error.
    const failure = caseDeskFailure(error);
    console.error(
      `case operation ${operation.id} (${operation.kind}) failed${failure.retryable ? ', will retry' : ' for good'}:`,
      error instanceof CaseDeskError ? failure.message : error,
    );
    // Timed from the failure, not from the claim: a call that timed out took its whole timeout.
    const verdict = afterFailure(failure, operation.attempts, clock());
    await markCaseOperationFailed(db, operation.id, verdict);
    return verdict.state === 'failed' ? 'failed' : 'retrying';
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
    await setRequestCase(db, operation.requestId, ref);
    return;
  }
  const caseId = await getRequestCaseId(db, operation.requestId);
  if (!caseId) throw new CaseDeskError('The case is not open yet.', { retryable: true });
  // The operation's id keys its comment, so that a retry of a call whose answer was lost (applied,
  // then timed out) finds the comment instead of posting it twice. `attempts` counts claims, and a
  // claim comes before its call: above 1, an earlier call may have reached the desk.
  const comment = (body: string | undefined) => ({ body: body ?? '', key: String(operation.id), retry: operation.attempts > 1 });
  if (operation.kind === 'comment') await desk.addComment(caseId, comment(payload.body));
  else await desk.closeCase(caseId, { status: payload.status as CaseCloseStatus, comment: comment(payload.comment) });
}
