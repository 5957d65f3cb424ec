import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { AppError, unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import type { AddInformationInput } from '@/lib/validation/request';
import { caseComment } from './case-text';
import type { UseCaseContext } from '@/lib/use-case-context';
import { lockRequestWithTenant } from './lock-request';
import { recordTransition } from './record-transition';
import { settleCase } from './settle-case';
import type { RequestView } from './views';

/** The requester answers "more information": pending_info → in_review, for a rep to decide. */
export async function addInformation(
  ctx: UseCaseContext,
  caller: Caller,
  requestId: string,
  input: AddInformationInput,
): Promise<RequestView> {
  if (!canRequestChanges(caller)) {
    throw new AppError('forbidden', { action: 'change_requests' });
  }
  await ctx.db.transaction(async (tx) => {
    const { request, tenant } = await lockRequestWithTenant(tx, caller, requestId);
    // Time is read once the lock is held, so that timestamps follow the order changes were applied in.
    const now = ctx.clock();
    await recordTransition(tx, {
      request,
      tenant,
      event: 'add_information',
      to: unwrap(transition(request.status, 'add_information')),
      actor: caller.email,
      now,
      patch: { justification: input.justification },
      details: { justification: input.justification },
      caseOperations: [{ kind: 'comment', body: caseComment.moreInformation(caller.email, input.justification) }],
      notices: [{ kind: 'approval_requested', to: 'rep' }],
    });
  });
  return settleCase(ctx, caller, requestId);
}
