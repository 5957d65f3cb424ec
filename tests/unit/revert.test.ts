import { describe, expect, it } from 'vitest';
import { type RevertBlockedReason, parseRevertBlockedReason, planRevert, serializeRevertBlockedReason } from '@/lib/domain/revert';

/** The League after Percy's temporary raise of concurrent 150 → 260 and outbound 80 → 120. */
const raised = { concurrent: { from: 150, to: 260 }, outbound: { from: 80, to: 120 } };
const league = (limits = { concurrent: 260, outbound: 120, agentless: 40 }) => ({ personalConnectionEnabled: true, limits });

describe('planRevert: the end of a temporary change', () => {
  it('restores every port it changed, and nothing else, when nothing moved since (clean revert)', () => {
    expect(planRevert({ changes: raised, tenant: league(), touchedLater: [] })).toEqual({
      ok: true,
      restore: { concurrent: { from: 260, to: 150 }, outbound: { from: 120, to: 80 } },
      resulting: { concurrent: 150, outbound: 80, agentless: 40 },
    });
  });

  it('does not guess when a later approved change touched the same port type', () => {
    const plan = planRevert({ changes: raised, tenant: league(), touchedLater: ['concurrent'] });
    expect(plan).toMatchObject({ ok: false, reason: { code: 'ports_moved', types: ['concurrent'] } });
  });

  it('does not guess when the limit no longer holds the value the change set (moved by other means)', () => {
    const plan = planRevert({ changes: raised, tenant: league({ concurrent: 300, outbound: 120, agentless: 40 }), touchedLater: [] });
    expect(plan).toMatchObject({ ok: false, reason: { code: 'ports_moved', types: ['concurrent'] } });
  });

  it('reverts when later changes touched only other port types and the result follows the rules', () => {
    const plan = planRevert({
      changes: { concurrent: { from: 150, to: 260 } },
      tenant: league({ concurrent: 260, outbound: 100, agentless: 40 }),
      touchedLater: ['outbound'],
    });
    expect(plan).toMatchObject({ ok: true, resulting: { concurrent: 150, outbound: 100, agentless: 40 } });
  });

  it('leaves the limits alone when restoring would break a rule (concurrent below outbound)', () => {
    const plan = planRevert({
      changes: { concurrent: { from: 150, to: 260 } },
      tenant: league({ concurrent: 260, outbound: 200, agentless: 40 }),
      touchedLater: ['outbound'],
    });
    expect(plan).toMatchObject({ ok: false, violations: [expect.objectContaining({ code: 'exceeds_concurrent' })] });
    if (!plan.ok) expect(plan.reason).toEqual({ code: 'rule_broken', violation: plan.violations[0] });
  });

  it('restores a temporary decrease just as well', () => {
    const plan = planRevert({
      changes: { concurrent: { from: 150, to: 120 } },
      tenant: league({ concurrent: 120, outbound: 80, agentless: 40 }),
      touchedLater: [],
    });
    expect(plan).toMatchObject({ ok: true, resulting: { concurrent: 150 } });
  });

  it('keeps a reason as JSON and reads it back; an unreadable or legacy sentence reads as rule_unknown', () => {
    const reason: RevertBlockedReason = { code: 'ports_moved', types: ['concurrent', 'outbound'] };
    expect(parseRevertBlockedReason(serializeRevertBlockedReason(reason))).toEqual(reason);
    expect(parseRevertBlockedReason('Concurrent ports changed again after this temporary change.')).toEqual({ code: 'rule_unknown' });
    expect(parseRevertBlockedReason('{"code":"ports_moved","types":["concurrent","bogus"]}')).toEqual({ code: 'ports_moved', types: ['concurrent'] });
  });
});
