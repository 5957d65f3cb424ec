import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/data/audit';
import { updateRequest } from '@/lib/data/requests';
import { AppError, unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import { enqueueCaseOperations } from '@/lib/salesforce/outbox';
import type { UseCaseContext } from './context';
import { lockRequestWithTenant } from './lock-request';
import { settleCase } from './settle-case';
import type { RequestView } from './views';

/** A requester of the tenant's partner withdraws an open request; the tenant is free for a new one. */
export async function cancelRequest(ctx: UseCaseContext, caller: Caller, requestId: string): Promise<RequestView> {
  if (!canRequestChanges(caller)) {
    throw new AppError('forbidden', 'You do not have permission to change requests.');
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const { request } = await lockRequestWithTenant(tx, caller, requestId);
    const status = unwrap(transition(request.status, 'cancel'));
    await updateRequest(tx, request.id, { status, updatedAt: now });
    await recordAudit(tx, {
      requestId: request.id,
      tenantId: request.tenantId,
      actor: caller.email,
      action: 'cancel',
      fromState: request.status,
      toState: status,
      details: {},
      at: now,
    });
    await enqueueCaseOperations(
      tx,
      request.id,
      [{ kind: 'close', status: 'Cancelled', comment: `Withdrawn by ${caller.email}.` }],
      now,
    );
  });
  return settleCase(ctx, caller, requestId);
}
