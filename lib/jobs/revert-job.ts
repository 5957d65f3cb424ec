import { dispatchEmails } from '@/lib/notifications/email-outbox';
import type { UseCaseContext } from '@/lib/use-case-context';
import { type RevertReport, revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { dispatchCaseOperations } from '@/lib/salesforce/outbox';
import { withJobLock } from './job-lock';

const BUDGET_MS = 45_000;

export type RevertJobReport = RevertReport & { ran: boolean; caseMessagesSent: number; emailsSent: number; seconds: number };

/** The scheduled end of temporary changes, one run at a time, then the messages it queued. */
export async function runRevertJob(ctx: UseCaseContext, options: { budgetMs?: number } = {}): Promise<RevertJobReport> {
  const started = Date.now();
  const deadline = started + (options.budgetMs ?? BUDGET_MS);
  const outcome = await withJobLock(ctx.db, 'revertTemporary', async () => {
    const reverts = await revertTemporaryChanges(ctx, { deadline });
    const cases = await dispatchCaseOperations(ctx.db, ctx.caseDesk, { now: ctx.clock, deadline });
    const emails = await dispatchEmails(ctx.db, ctx.mailer ?? null, { now: ctx.clock, deadline, appUrl: ctx.appUrl });
    return { ...reverts, caseMessagesSent: cases.sent, emailsSent: emails.sent };
  });
  const empty = { reverted: 0, blocked: 0, warned: 0, caseMessagesSent: 0, emailsSent: 0 };
  return { ran: outcome.ran, ...(outcome.ran ? outcome.value : empty), seconds: (Date.now() - started) / 1000 };
}
