import type { CaseOperationRow } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { isAccountRep } from '@/lib/auth/permissions';
import { countStuckCaseOperations, listCaseOperations } from '@/lib/data/case-operations';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/use-case-context';

export type CaseOperationState = 'queued' | 'sent' | 'retrying' | 'failed';

/** A case operation as reps see it; `lastError` is the short message the dispatcher stored. */
export type CaseOperationView = {
  id: number;
  kind: CaseOperationRow['kind'];
  state: CaseOperationState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
};

export function toCaseOperationView(row: CaseOperationRow): CaseOperationView {
  const state: CaseOperationState =
    row.state === 'sent' ? 'sent' : row.state === 'failed' ? 'failed' : row.attempts > 0 ? 'retrying' : 'queued';
  return {
    id: row.id,
    kind: row.kind,
    state,
    attempts: row.attempts,
    lastError: row.state === 'sent' ? null : row.lastError,
    nextAttemptAt: state === 'retrying' || state === 'queued' ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function requireRep(caller: Caller): void {
  if (!isAccountRep(caller)) throw new AppError('forbidden', { action: 'view_case_operations' });
}

/** Reps only: the messages to the case desk can carry Salesforce's error text. */
export async function listCaseOperationsForRep(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<CaseOperationView[]> {
  requireRep(caller);
  return (await listCaseOperations(ctx.db, requestId)).map(toCaseOperationView);
}

export async function countStuckCaseOperationsForRep(ctx: UseCaseContext, caller: Caller): Promise<number> {
  requireRep(caller);
  return countStuckCaseOperations(ctx.db);
}
