import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/data/audit';
import { updateRequest } from '@/lib/data/requests';
import { AppError, unwrap } from '@/lib/domain/errors';
import { transition } from '@/lib/domain/lifecycle';
import { enqueueCaseOperations } from '@/lib/salesforce/outbox';
import type { AddInformationInput } from '@/lib/validation/request';
import type { UseCaseContext } from './context';
import { lockRequestWithTenant } from './lock-request';
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
    throw new AppError('forbidden', 'You do not have permission to change requests.');
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const { request } = await lockRequestWithTenant(tx, caller, requestId);
    const status = unwrap(transition(request.status, 'add_information'));
    await updateRequest(tx, request.id, { status, justification: input.justification, updatedAt: now });
    await recordAudit(tx, {
      requestId: request.id,
      tenantId: request.tenantId,
      actor: caller.email,
      action: 'add_information',
      fromState: request.status,
      toState: status,
      details: { justification: input.justification },
      at: now,
    });
    await enqueueCaseOperations(
      tx,
      request.id,
      [{ kind: 'comment', body: `More information from ${caller.email}: ${input.justification}` }],
      now,
    );
  });
  return settleCase(ctx, caller, requestId);
}
