import type { Caller } from '@/lib/auth/caller';
import { isAccountRep } from '@/lib/auth/permissions';
import { isOwnRequest } from '@/lib/auth/separation-of-duties';
import { settleApprovalRequests } from '@/lib/data/notifications';
import { setTenantLimits } from '@/lib/data/tenants';
import { AppError, unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import { applyChanges, limitsOf } from '@/lib/domain/ports';
import { checkApproval } from '@/lib/domain/rules';
import type { DecisionInput } from '@/lib/validation/request';
import { caseComment } from './case-text';
import type { UseCaseContext } from '@/lib/use-case-context';
import { lockRequestWithTenant } from './lock-request';
import { recordTransition } from './record-transition';
import { settleCase } from './settle-case';
import type { RequestView } from './views';

/**
 * An Account Representative approves or rejects a request in review. Approval re-checks the rules
 * against the limits as they are now and applies them in the same transaction as the decision.
 */
export async function decideRequest(
  ctx: UseCaseContext,
  caller: Caller,
  requestId: string,
  input: DecisionInput,
): Promise<RequestView> {
  if (!isAccountRep(caller)) {
    throw new AppError('forbidden', { action: 'decide' });
  }
  if (input.decision === 'reject' && !input.comment) {
    throw new AppError('comment_required', {}, {
      field: 'comment',
    });
  }
  await ctx.db.transaction(async (tx) => {
    const { request, tenant } = await lockRequestWithTenant(tx, caller, requestId);
    // Time is read once the lock is held, so that timestamps follow the order changes were applied in.
    const now = ctx.clock();
    if (isOwnRequest(caller, request)) {
      throw new AppError('own_request');
    }
    if (request.status !== 'in_review' && request.decidedBy) {
      throw new AppError('already_decided', {
        variant: 'by',
        status: request.status,
        decidedBy: request.decidedBy,
        decidedAt: request.decidedAt ?? now,
      });
    }
    const status = unwrap(transition(request.status, input.decision));
    if (status === 'approved') {
      // Approving a temporary change whose end has passed would raise and at once restore the limits.
      if (request.revertAt && request.revertAt <= now) {
        throw new AppError('invalid_revert_at', { variant: 'already_ended' });
      }
      const limits = limitsOf(tenant);
      const [broken] = checkApproval({ ...tenant, limits }, request.changes);
      if (broken) throw AppError.from(broken);
      await setTenantLimits(tx, tenant.id, applyChanges(limits, request.changes), now);
    }
    const comment = input.comment || null;
    const verdict = status === 'approved' ? 'Approved' : 'Rejected';
    await recordTransition(tx, {
      request,
      tenant,
      event: input.decision,
      to: status,
      actor: caller.email,
      now,
      patch: { decidedBy: caller.email, decidedAt: now, decisionComment: comment },
      details: comment ? { comment } : {},
      notices: [{ kind: status === 'approved' ? 'approved' : 'rejected', to: 'requester' }],
      caseOperations: [
        {
          kind: 'close',
          status: verdict,
          comment: caseComment.decided(status === 'approved' ? 'approved' : 'rejected', caller.email, request.changes, comment),
        },
      ],
    });
    // The other reps asked to decide have nothing left to do (in SSPM or through the Salesforce sync alike).
    await settleApprovalRequests(tx, request.id, now);
  });
  return settleCase(ctx, caller, requestId);
}
