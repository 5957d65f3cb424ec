import { describe, expect, it } from 'vitest';
import {
  type LifecycleEvent,
  type RequestStatus,
  FINAL_STATUSES,
  OPEN_STATUSES,
  REQUEST_STATUSES,
  TRANSITIONS,
  isOpen,
  transition,
} from '@/lib/domain/lifecycle';

// Written from SPEC §2's lifecycle diagram, not from TRANSITIONS.
const STATUSES: RequestStatus[] = ['new', 'pending_info', 'in_review', 'approved', 'rejected', 'cancelled', 'reverted'];

// An object keyed by event, so the compiler fails this file if an event is added or removed.
const EVENT_SET = {
  auto_approve: true,
  request_information: true,
  submit_for_review: true,
  add_information: true,
  approve: true,
  reject: true,
  cancel: true,
  revert: true,
} satisfies Record<LifecycleEvent, true>;
const EVENTS = Object.keys(EVENT_SET) as LifecycleEvent[];

const ALLOWED: Record<string, RequestStatus> = {
  'new/auto_approve': 'approved',
  'new/request_information': 'pending_info',
  'new/submit_for_review': 'in_review',
  'pending_info/add_information': 'in_review',
  'pending_info/cancel': 'cancelled',
  'in_review/approve': 'approved',
  'in_review/reject': 'rejected',
  'in_review/cancel': 'cancelled',
  'approved/revert': 'reverted',
};

const MATRIX = STATUSES.flatMap((from) => EVENTS.map((event) => ({ from, event, to: ALLOWED[`${from}/${event}`] })));
const allowed = MATRIX.filter((cell) => cell.to !== undefined);
const alreadyDecided = MATRIX.filter(
  (cell) => cell.to === undefined && (cell.event === 'approve' || cell.event === 'reject'),
);
const invalid = MATRIX.filter((cell) => cell.to === undefined && cell.event !== 'approve' && cell.event !== 'reject');

describe('transition: the lifecycle matrix (every status × every event)', () => {
  it('covers every status of the domain and the nine transitions of the SPEC', () => {
    expect([...REQUEST_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(allowed).toHaveLength(9);
    expect(MATRIX).toHaveLength(STATUSES.length * EVENTS.length);
  });

  it.each(allowed)('allows $from → $to by $event', ({ from, event, to }) => {
    expect(transition(from, event)).toEqual({ ok: true, value: to });
  });

  it.each(alreadyDecided)('refuses $event on a $from request (already_decided)', ({ from, event }) => {
    const result = transition(from, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'already_decided' } });
  });

  it.each(invalid)('refuses $event on a $from request (invalid_transition)', ({ from, event }) => {
    const result = transition(from, event);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });
});

describe('transition: refusals and the transition table', () => {
  it('lists exactly the SPEC transitions in TRANSITIONS, nothing more', () => {
    const listed = Object.fromEntries(
      Object.entries(TRANSITIONS).flatMap(([from, events]) =>
        Object.entries(events).map(([event, to]) => [`${from}/${event}`, to]),
      ),
    );
    expect(listed).toEqual(ALLOWED);
  });

  it('tells a rep who decides second that the request is no longer in review (already_decided)', () => {
    const result = transition('approved', 'reject');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.params).toEqual({ variant: 'status', status: 'approved' });
  });

  it('names the state and the refused event of an invalid transition, for the message to word (invalid_transition)', () => {
    const result = transition('rejected', 'revert');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.params).toEqual({ status: 'rejected', event: 'revert' });
  });

  it('refuses to cancel a request once it is final (invalid_transition)', () => {
    for (const from of ['approved', 'rejected', 'cancelled', 'reverted'] as const) {
      expect(transition(from, 'cancel')).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    }
  });
});

describe('isOpen', () => {
  it.each(['new', 'pending_info', 'in_review'] as const)('counts %s as open (blocks a new request for the tenant)', (status) => {
    expect(isOpen(status)).toBe(true);
  });

  it.each(['approved', 'rejected', 'cancelled', 'reverted'] as const)('counts %s as final, not open', (status) => {
    expect(isOpen(status)).toBe(false);
  });

  it('splits every status into exactly one of open or final', () => {
    expect([...OPEN_STATUSES, ...FINAL_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(OPEN_STATUSES.filter((status) => FINAL_STATUSES.includes(status))).toEqual([]);
  });
});
