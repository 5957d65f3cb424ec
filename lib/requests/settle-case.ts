import { getRequest } from '@/lib/data/requests';
import type { Caller } from '@/lib/auth/caller';
import { dispatchEmails } from '@/lib/notifications/email-outbox';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import type { UseCaseContext } from '@/lib/use-case-context';
import { type RequestView, toRequestView } from './views';

/** How long a user's answer may wait for the case desk; what is left goes out with the next run. */
const CASE_DESK_BUDGET_MS = 1_500;
/** After the answer nobody waits, but a serverless function still ends; the scheduled sync takes over. */
const AFTER_ANSWER_BUDGET_MS = 10_000;

/**
 * After the change is committed: send its case operations and answer with the request as stored.
 * With Salesforce they go out after the answer (the partner never waits on Salesforce, and the page
 * says "case pending"); with the local desk before it, so the answer carries the case number.
 * A desk failure leaves the operations in the outbox; it never fails the answer.
 */
export async function settleCase(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestView> {
  if (ctx.afterAnswer) {
    // One task, in this order: an e-mail waits for its case number.
    ctx.afterAnswer(async () => {
      await sendCaseOperations(ctx, requestId, AFTER_ANSWER_BUDGET_MS);
      await sendEmails(ctx);
    });
  } else {
    await sendCaseOperations(ctx, requestId, CASE_DESK_BUDGET_MS);
    if (ctx.background) ctx.background(() => sendEmails(ctx));
    else await sendEmails(ctx);
  }
  const request = await getRequest(ctx.db, caller.scope, requestId);
  if (!request) throw new Error(`request ${requestId} vanished after commit`);
  return toRequestView(request);
}

/** Notifications' e-mails, bounded; a mail server that is down leaves them for the scheduled jobs. */
export async function sendEmails(ctx: UseCaseContext): Promise<void> {
  try {
    await dispatchEmails(ctx.db, ctx.mailer ?? null, { now: ctx.clock, deadline: Date.now() + AFTER_ANSWER_BUDGET_MS, appUrl: ctx.appUrl });
  } catch (error) {
    console.error('e-mails left for the next run:', error);
  }
}

async function sendCaseOperations(ctx: UseCaseContext, requestId: string, budgetMs: number): Promise<void> {
  try {
    await dispatchCaseOperations(ctx.db, ctx.caseDesk, { requestId, now: ctx.clock, deadline: Date.now() + budgetMs });
  } catch (error) {
    console.error(`case operations of request ${requestId} left for the next run:`, error);
  }
}
