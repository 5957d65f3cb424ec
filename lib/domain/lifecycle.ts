import type { DomainError, Result } from './errors';

export const REQUEST_STATUSES = [
  'new',
  'pending_info',
  'in_review',
  'approved',
  'rejected',
  'cancelled',
  'reverted',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const OPEN_STATUSES: readonly RequestStatus[] = ['new', 'pending_info', 'in_review'];

/** Who decided a request approved at once, within the daily threshold (`decided_by`, audit actor). */
export const AUTO_DECIDER = 'auto';

/** The audit actor of what SSPM does by itself (rendered "SSPM" by the pages). */
export const SYSTEM_ACTOR = 'system';

/** A list of statuses as SQL literals, for the schema's constraints and partial indexes. */
export const statusList = (statuses: readonly RequestStatus[]) => statuses.map((status) => `'${status}'`).join(', ');
export const FINAL_STATUSES: readonly RequestStatus[] = ['approved', 'rejected', 'cancelled', 'reverted'];

export type LifecycleEvent =
  | 'auto_approve'
  | 'request_information'
  | 'submit_for_review'
  | 'add_information'
  | 'approve'
  | 'reject'
  | 'cancel'
  | 'revert';

/** The only transitions there are; anything not listed is refused. */
export const TRANSITIONS: Readonly<Record<RequestStatus, Partial<Record<LifecycleEvent, RequestStatus>>>> = {
  new: { auto_approve: 'approved', request_information: 'pending_info', submit_for_review: 'in_review' },
  pending_info: { add_information: 'in_review', cancel: 'cancelled' },
  in_review: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: { revert: 'reverted' },
  rejected: {},
  cancelled: {},
  reverted: {},
};

export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function transition(from: RequestStatus, event: LifecycleEvent): Result<RequestStatus> {
  const to = TRANSITIONS[from][event];
  if (to) return { ok: true, value: to };
  return { ok: false, error: refusal(from, event) };
}

function refusal(from: RequestStatus, event: LifecycleEvent): DomainError {
  if ((event === 'approve' || event === 'reject') && from !== 'in_review') {
    return { code: 'already_decided', params: { variant: 'status', status: from } };
  }
  return { code: 'invalid_transition', params: { status: from, event } };
}
