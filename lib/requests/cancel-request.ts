import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { AppError, unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import { settleApprovalRequests } from '@/lib/data/notifications';
import { caseComment } from './case-text';
import type { UseCaseContext } from '@/lib/use-case-context';
import { lockRequestWithTenant } from './lock-request';
import { recordTransition } from './record-transition';
import { settleCase } from './settle-case';
import type { RequestView } from './views';

/** A requester of the tenant's partner withdraws an open request; the tenant is free for a new one. */
export async function cancelRequest(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestView> {
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
      event: 'cancel',
      to: unwrap(transition(request.status, 'cancel')),
      actor: caller.email,
      now,
      caseOperations: [{ kind: 'close', status: 'Cancelled', comment: caseComment.withdrawn(caller.email) }],
      // The rep was asked to decide; tell them there is nothing left to decide.
      notices: request.status === 'in_review' ? [{ kind: 'cancelled', to: 'rep' }] : [],
    });
    // Nothing is left to approve: no rep's "approval requested" stays unread.
    await settleApprovalRequests(tx, request.id, now);
  });
  return settleCase(ctx, caller, requestId);
}
