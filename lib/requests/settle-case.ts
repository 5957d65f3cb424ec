import { getRequest } from '@/lib/data/requests';
import type { Caller } from '@/lib/auth/caller';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import type { UseCaseContext } from './context';
import { type RequestView, toRequestView } from './views';

/** How long a user's answer may wait for the case desk; what is left goes out with the next run. */
const CASE_DESK_BUDGET_MS = 1_500;

/**
 * After the change is committed: send its case operations (best effort, bounded) and answer with
 * the request as stored. A desk failure leaves the operations in the outbox; it never fails the answer.
 */
export async function settleCase(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestView> {
  try {
    await dispatchCaseOperations(ctx.db, ctx.caseDesk, {
      requestId,
      now: ctx.clock,
      deadline: Date.now() + CASE_DESK_BUDGET_MS,
    });
  } catch (error) {
    console.error(`case operations of request ${requestId} left for the next run:`, error);
  }
  const request = await getRequest(ctx.db, caller.scope, requestId);
  if (!request) throw new Error(`request ${requestId} vanished after commit`);
  return toRequestView(request);
}
