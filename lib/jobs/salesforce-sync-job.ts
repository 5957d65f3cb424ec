import { listInReviewCases } from '@/lib/data/case-operations';
import { dispatchEmails } from '@/lib/notifications/email-outbox';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/use-case-context';
import { decideRequest } from '@/lib/requests/decide-request';
import { caseComment } from '@/lib/requests/case-text';
import { decisionSchema } from '@/lib/validation/request';
import { stripControlCharacters } from '@/lib/validation/text';
import { type CaseState, CaseDeskError, MAX_CASES_PER_READ } from '@/lib/salesforce/case-desk';
import { type DispatchReport, dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { salesforceDecider } from '@/lib/salesforce/salesforce-caller';
import { withJobLock } from './job-lock';

/** Vercel gives the route 60 s; the run stops starting new work well before that. */
const DEFAULT_BUDGET_MS = 45_000;

export type SyncReport = {
  /** false: another run held the lock, and this one did nothing. */
  ran: boolean;
  messagesSent: number;
  messagesRetrying: number;
  messagesFailed: number;
  casesRead: number;
  decisionsApplied: number;
  /** Decided in Salesforce but refused by SSPM's rules (e.g. the limits changed since); retried next run. */
  decisionsRefused: number;
  /** Calls this instance's desk made during the run, sign-in included. */
  apiCalls: number;
  /** false when the time budget ran out or the desk failed before every case was read. */
  complete: boolean;
  error?: string;
  emailsSent: number;
  seconds: number;
};

/**
 * The scheduled sync: sends what is left in the outbox, reads back the cases of the requests in
 * review (at most 200 per query) and applies decisions reps made in Salesforce through the same
 * decide use case as the approvals page, then sends the closings those decisions queued.
 */
export async function runSalesforceSync(ctx: UseCaseContext, options: { budgetMs?: number } = {}): Promise<SyncReport> {
  const started = Date.now();
  const deadline = started + (options.budgetMs ?? DEFAULT_BUDGET_MS);
  const callsBefore = ctx.caseDesk.calls;
  const report: SyncReport = {
    ran: false,
    messagesSent: 0,
    messagesRetrying: 0,
    messagesFailed: 0,
    casesRead: 0,
    decisionsApplied: 0,
    decisionsRefused: 0,
    apiCalls: 0,
    complete: false,
    emailsSent: 0,
    seconds: 0,
  };
  const outcome = await withJobLock(ctx.db, 'salesforceSync', async () => {
    count(report, await dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock, deadline }));
    report.complete = await applyDecisions(ctx, report, deadline);
    count(report, await dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock, deadline }));
    // Decisions made in Salesforce notify the requester too.
    report.emailsSent = (await dispatchEmails(ctx.db, ctx.mailer ?? null, { now: ctx.clock, deadline, appUrl: ctx.appUrl })).sent;
  });
  report.ran = outcome.ran;
  report.apiCalls = outcome.ran ? ctx.caseDesk.calls - callsBefore : 0;
  report.seconds = Math.round(Date.now() - started) / 1000;
  return report;
}

function count(report: SyncReport, dispatched: DispatchReport): void {
  report.messagesSent += dispatched.sent;
  report.messagesRetrying += dispatched.retrying;
  report.messagesFailed += dispatched.failed;
}

async function applyDecisions(ctx: UseCaseContext, report: SyncReport, deadline: number): Promise<boolean> {
  const cases = await listInReviewCases(ctx.db);
  // The closings these decisions queue are sent by the run's last flush, not one by one.
  const decideCtx: UseCaseContext = { ...ctx, afterAnswer: () => {} };
  for (let start = 0; start < cases.length; start += MAX_CASES_PER_READ) {
    if (Date.now() >= deadline) return false;
    const batch = cases.slice(start, start + MAX_CASES_PER_READ);
    let states: CaseState[];
    try {
      states = await ctx.caseDesk.readCases(batch.map((item) => item.caseId));
    } catch (error) {
      if (!(error instanceof CaseDeskError)) throw error;
      console.error('Salesforce sync: reading cases failed:', error.message);
      report.error = error.message;
      return false;
    }
    report.casesRead += states.length;
    const requestOf = new Map(batch.map((item) => [item.caseId, item.requestId]));
    for (const state of states) {
      const requestId = requestOf.get(state.caseId);
      if (!state.decision || !requestId) continue;
      // The rep's comment in Salesforce, in the org's language; without one, a sentence in that language too.
      const input = decisionSchema.parse({
        decision: state.decision,
        comment: (stripControlCharacters(state.comment ?? '').trim() || caseComment.decidedInSalesforce(state.decision, state.caseNumber)).slice(0, 2000),
      });
      try {
        await decideRequest(decideCtx, salesforceDecider(state), requestId, input);
        report.decisionsApplied += 1;
      } catch (error) {
        // Decided in SSPM meanwhile, or the rules refuse it now: the request stays as it is.
        if (!(error instanceof AppError)) throw error;
        if (error.code !== 'already_decided') report.decisionsRefused += 1;
        console.warn(`Salesforce sync: decision on case ${state.caseNumber} not applied (${error.code}): ${error.message}`);
      }
    }
  }
  return true;
}
