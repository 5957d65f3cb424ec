import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/data/audit';
import { isUniqueViolation } from '@/lib/data/pg-errors';
import { findOpenRequestId, insertRequest, sumAutoApprovedIncrease } from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { lockTenant, setTenantLimits } from '@/lib/data/tenants';
import { AppError, unwrap } from '@/lib/domain/errors';
import { AUTO_DECIDER, type RequestStatus, transition } from '@/lib/domain/lifecycle';
import { type Notice, notify } from '@/lib/notifications/notify';
import { concurrentDelta, limitsOf } from '@/lib/domain/ports';
import { evaluateChange } from '@/lib/domain/rules';
import { approvalRoute, effectiveThreshold, remainingToday, utcDay } from '@/lib/domain/threshold';
import { enqueueCaseOperations } from '@/lib/salesforce/outbox';
import type { CreateRequestInput } from '@/lib/validation/request';
import { caseComment, caseOpening } from './case-text';
import type { UseCaseContext } from '@/lib/use-case-context';
import { settleCase } from './settle-case';
import type { RequestView } from './views';

const OPEN_REQUEST_INDEX = 'change_requests_one_open_per_tenant';
const AUTOMATIC_PER_DAY_INDEX = 'change_requests_one_automatic_per_day';

/**
 * What made SSPM submit an automatic request (issue 13 §7): the current concurrent peak against the
 * limit it reached 95 % of. Recorded in the audit with the submission.
 */
export type AutomaticTrigger = { peak: number; limit: number };

export type SubmitOptions = {
  /**
   * Submitted by SSPM on the caller's behalf, never by a person: approved at once within the
   * daily threshold, or refused with nothing stored. Not part of any client's input.
   */
  automatic?: AutomaticTrigger;
};

/** Who hears of a new request, by where it went. */
const NOTICES_ON_SUBMIT: Partial<Record<RequestStatus, Notice[]>> = {
  approved: [{ kind: 'approved', to: 'requester' }],
  pending_info: [{ kind: 'information_needed', to: 'requester' }],
  in_review: [
    { kind: 'submitted', to: 'requester' },
    { kind: 'approval_requested', to: 'rep' },
  ],
};

export function requestAlreadyOpen(): AppError {
  return new AppError('request_already_open');
}

/**
 * Submits a change request: within today's threshold it is approved and applied at once;
 * otherwise it waits for information (pending_info) or, with a justification, for a rep (in_review).
 * An automatic request is never held: beyond the threshold (read under the tenant's lock, so also
 * when another approval used it up a moment ago) it is refused, and a second one the same UTC day
 * is refused by the database.
 */
export async function submitRequest(
  ctx: UseCaseContext,
  caller: Caller,
  input: CreateRequestInput,
  options: SubmitOptions = {},
): Promise<RequestView> {
  const { automatic } = options;
  if (!canRequestChanges(caller)) {
    throw new AppError('forbidden', { action: 'request_changes' });
  }
  let requestId: string;
  try {
    requestId = await ctx.db.transaction(async (tx) => {
      // The tenant's row lock serialises submissions for one tenant: the open-request check, the
      // stale check and the daily total below are all read while no one else can change them.
      const tenant = await lockTenant(tx, caller.scope, input.tenantId);
      if (!tenant) throw new AppError('not_found', { what: 'tenant' });
      // Time is read once the lock is held, so that timestamps follow the order changes were applied in.
      const now = ctx.clock();
      if (await findOpenRequestId(tx, tenant.id)) throw requestAlreadyOpen();

      const { changes, resulting } = unwrap(
        evaluateChange({
          tenant: { ...tenant, limits: limitsOf(tenant) },
          requested: input.changes,
          expected: input.expected,
          revertAt: input.revertAt,
          now,
        }),
      );

      const delta = concurrentDelta(changes);
      const settings = await getSettings(tx);
      const threshold = effectiveThreshold(settings.dailyThreshold, tenant.dailyThreshold);
      const usedToday = await sumAutoApprovedIncrease(tx, tenant.id, utcDay(now));
      const route = approvalRoute(delta, threshold, usedToday);
      if (automatic && route !== 'auto') {
        throw new AppError('automatic_increase_refused', { variant: 'threshold', increase: delta, remaining: remainingToday(threshold, usedToday) });
      }
      const event =
        route === 'auto' ? 'auto_approve' : input.justification ? 'submit_for_review' : 'request_information';
      const status = unwrap(transition('new', event));
      const approved = status === 'approved';

      const request = await insertRequest(tx, {
        tenantId: tenant.id,
        status,
        changes,
        concurrentDelta: delta,
        reason: input.reason,
        justification: input.justification ?? null,
        revertAt: input.revertAt ?? null,
        automatic: Boolean(automatic),
        requestedBy: caller.email,
        requestedByUserId: caller.userId,
        decidedBy: approved ? AUTO_DECIDER : null,
        decidedAt: approved ? now : null,
        // The words "within the daily threshold" are the reader's, from the automatic decider.
        decisionComment: null,
        createdAt: now,
        updatedAt: now,
      });
      if (approved) await setTenantLimits(tx, tenant.id, resulting, now);

      const base = { requestId: request.id, tenantId: tenant.id };
      await recordAudit(
        tx,
        {
          ...base,
          actor: caller.email,
          action: 'submitted',
          fromState: null,
          toState: 'new',
          details: automatic ? { changes, automatic } : { changes },
        },
        {
          ...base,
          actor: approved ? AUTO_DECIDER : caller.email,
          action: event,
          fromState: 'new',
          toState: status,
          details: { threshold, usedToday, concurrentIncrease: Math.max(0, delta) },
        },
      );
      await enqueueCaseOperations(
        tx,
        request.id,
        [
          {
            kind: 'open',
            ...caseOpening({
              tenant,
              changes,
              requestedBy: caller.email,
              reason: input.reason,
              justification: input.justification,
              revertAt: input.revertAt,
            }),
          },
          ...(approved
            ? [
                {
                  kind: 'close' as const,
                  status: 'Approved' as const,
                  comment: caseComment.autoApproved(changes),
                },
              ]
            : []),
        ],
        now,
      );
      await notify(tx, request, tenant, NOTICES_ON_SUBMIT[status] ?? [], now);
      return request.id;
    });
  } catch (error) {
    // Two submissions that both passed the check above: the partial unique index lets one through.
    if (isUniqueViolation(error, OPEN_REQUEST_INDEX)) throw requestAlreadyOpen();
    if (isUniqueViolation(error, AUTOMATIC_PER_DAY_INDEX)) throw new AppError('automatic_increase_refused', { variant: 'once_a_day' });
    throw error;
  }
  return settleCase(ctx, caller, requestId);
}
