import { describe, expect, it } from 'vitest';
import type { Limits } from '@/lib/domain/ports';
import {
  type ChangeProposal,
  type TenantForRules,
  changesFrom,
  checkApproval,
  checkResultingLimits,
  checkRevertAt,
  evaluateChange,
  findViolations,
} from '@/lib/domain/rules';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const at = (msFromNow: number) => new Date(NOW.getTime() + msFromNow);

/** SPEC §4: The League of the Scarlet Pimpernel, with Personal Connection. */
const league = (overrides: Partial<TenantForRules> = {}): TenantForRules => ({
  monitoringGatewayEnabled: true,
  personalConnectionEnabled: true,
  limits: { concurrent: 150, outbound: 80, agentless: 40 },
  ...overrides,
});

/** SPEC §4: Blakeney Shipping, without Personal Connection. */
const blakeney = (overrides: Partial<TenantForRules> = {}): TenantForRules => ({
  monitoringGatewayEnabled: true,
  personalConnectionEnabled: false,
  limits: { concurrent: 50, outbound: 0, agentless: 0 },
  ...overrides,
});

type Proposal = Omit<ChangeProposal, 'tenant' | 'now'> & Partial<Pick<ChangeProposal, 'tenant' | 'now'>>;
const violations = (proposal: Proposal) => findViolations({ tenant: league(), now: NOW, ...proposal });
const codes = (proposal: Proposal) => violations(proposal).map((error) => error.code);

describe('findViolations: limit_out_of_range', () => {
  it('accepts 9,999 concurrent ports, the largest allowed limit', () => {
    expect(codes({ requested: { concurrent: 9999 } })).toEqual([]);
  });

  it('refuses 10,000 concurrent ports (limit_out_of_range)', () => {
    const [error, ...rest] = violations({ requested: { concurrent: 10_000 } });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'limit_out_of_range', field: 'concurrent' });
    expect(error?.params).toEqual({ type: 'concurrent', max: 9999 });
  });

  it('refuses a negative limit of -1 (limit_out_of_range)', () => {
    expect(violations({ requested: { concurrent: -1 } })).toEqual([
      expect.objectContaining({ code: 'limit_out_of_range', field: 'concurrent' }),
    ]);
  });

  it('refuses a fractional limit of 1.5 (limit_out_of_range)', () => {
    expect(violations({ requested: { outbound: 1.5 } })).toEqual([
      expect.objectContaining({ code: 'limit_out_of_range', field: 'outbound' }),
    ]);
  });

  it('refuses NaN as a limit (limit_out_of_range)', () => {
    expect(violations({ requested: { agentless: Number.NaN } })).toEqual([
      expect.objectContaining({ code: 'limit_out_of_range', field: 'agentless' }),
    ]);
  });

  it('refuses Infinity as a limit (limit_out_of_range)', () => {
    expect(codes({ requested: { concurrent: Number.POSITIVE_INFINITY } })).toEqual(['limit_out_of_range']);
  });

  it('accepts 0 as a limit, the smallest allowed', () => {
    expect(codes({ requested: { concurrent: 0, outbound: 0, agentless: 0 } })).toEqual([]);
    expect(codes({ tenant: blakeney(), requested: { concurrent: 0 } })).toEqual([]);
  });

  it('refuses 10,000 outbound ports as out of range before comparing with concurrent (limit_out_of_range)', () => {
    expect(codes({ requested: { outbound: 10_000 } })).toEqual(['limit_out_of_range']);
  });

  it('names every out-of-range port type, one error each (limit_out_of_range)', () => {
    expect(violations({ requested: { concurrent: -1, outbound: 1.5, agentless: 10_000 } }).map((e) => e.field)).toEqual([
      'concurrent',
      'outbound',
      'agentless',
    ]);
  });
});

describe('findViolations: port_type_not_enabled (Personal Connection)', () => {
  it('allows a concurrent-only change without Personal Connection', () => {
    expect(codes({ tenant: blakeney(), requested: { concurrent: 60 } })).toEqual([]);
  });

  it('refuses an outbound change without Personal Connection (port_type_not_enabled)', () => {
    expect(violations({ tenant: blakeney(), requested: { outbound: 10 } })).toEqual([
      expect.objectContaining({ code: 'port_type_not_enabled', field: 'outbound' }),
    ]);
  });

  it('refuses an agentless change without Personal Connection (port_type_not_enabled)', () => {
    expect(violations({ tenant: blakeney(), requested: { concurrent: 60, agentless: 5 } })).toEqual([
      expect.objectContaining({ code: 'port_type_not_enabled', field: 'agentless' }),
    ]);
  });

  it('allows the same outbound and agentless change with Personal Connection', () => {
    expect(codes({ tenant: blakeney({ personalConnectionEnabled: true }), requested: { outbound: 10, agentless: 5 } })).toEqual(
      [],
    );
  });

  it('accepts an unchanged outbound and agentless value without Personal Connection, since nothing of them changes', () => {
    expect(codes({ tenant: blakeney(), requested: { concurrent: 60, outbound: 0, agentless: 0 } })).toEqual([]);
  });

  it('refuses the whole request, not just its disabled part, without Personal Connection (port_type_not_enabled)', () => {
    const result = evaluateChange({ tenant: blakeney(), requested: { concurrent: 60, outbound: 10 }, now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'port_type_not_enabled' } });
  });
});

describe('findViolations: exceeds_concurrent', () => {
  it('refuses a concurrent decrease below the current outbound limit (exceeds_concurrent)', () => {
    expect(violations({ requested: { concurrent: 70 } })).toEqual([
      expect.objectContaining({ code: 'exceeds_concurrent', field: 'outbound' }),
    ]);
  });

  it('allows the same concurrent decrease when outbound is lowered in the same request', () => {
    expect(codes({ requested: { concurrent: 70, outbound: 70 } })).toEqual([]);
  });

  it('refuses a concurrent decrease below both outbound and agentless, naming each (exceeds_concurrent)', () => {
    expect(violations({ requested: { concurrent: 30 } }).map((e) => [e.code, e.field])).toEqual([
      ['exceeds_concurrent', 'outbound'],
      ['exceeds_concurrent', 'agentless'],
    ]);
  });

  it('allows a concurrent decrease when outbound and agentless are lowered in the same request', () => {
    expect(codes({ requested: { concurrent: 30, outbound: 30, agentless: 30 } })).toEqual([]);
  });

  it('refuses agentless above concurrent (exceeds_concurrent)', () => {
    expect(violations({ requested: { agentless: 151 } })).toEqual([
      expect.objectContaining({ code: 'exceeds_concurrent', field: 'agentless' }),
    ]);
  });

  it('allows agentless equal to concurrent', () => {
    expect(codes({ requested: { agentless: 150 } })).toEqual([]);
  });

  it('refuses outbound above concurrent (exceeds_concurrent)', () => {
    expect(codes({ requested: { outbound: 151 } })).toEqual(['exceeds_concurrent']);
  });

  it('allows outbound above the old concurrent limit when concurrent rises in the same request', () => {
    expect(codes({ requested: { concurrent: 300, outbound: 250 } })).toEqual([]);
  });
});

describe('findViolations: monitoring_gateway_disabled', () => {
  it('refuses any change for a tenant without Monitoring Gateway (monitoring_gateway_disabled)', () => {
    expect(codes({ tenant: league({ monitoringGatewayEnabled: false }), requested: { concurrent: 160 } })).toEqual([
      'monitoring_gateway_disabled',
    ]);
  });

  it('reports monitoring_gateway_disabled alone, before any other rule', () => {
    const tenant = blakeney({ monitoringGatewayEnabled: false });
    expect(codes({ tenant, requested: { outbound: 10_000 }, revertAt: at(-1) })).toEqual(['monitoring_gateway_disabled']);
  });
});

describe('findViolations: no_change', () => {
  it('refuses a request whose values equal the current limits (no_change)', () => {
    expect(codes({ requested: { concurrent: 150, outbound: 80, agentless: 40 } })).toEqual(['no_change']);
  });

  it('refuses a request that asks for nothing (no_change)', () => {
    expect(codes({ requested: {} })).toEqual(['no_change']);
  });

  it('allows a request where one of several values actually changes', () => {
    expect(codes({ requested: { concurrent: 150, outbound: 81, agentless: 40 } })).toEqual([]);
  });
});

describe('findViolations: stale_limits', () => {
  it('refuses a request built on limits that have changed since (stale_limits)', () => {
    const [error, ...rest] = violations({ requested: { concurrent: 200 }, expected: { concurrent: 140 } });
    expect(rest).toEqual([]);
    expect(error?.code).toBe('stale_limits');
    expect(error?.params).toEqual({ concurrent: 150 });
  });

  it('refuses a request when a port type it does not change was seen with another value (stale_limits)', () => {
    expect(codes({ requested: { concurrent: 200 }, expected: { concurrent: 150, outbound: 79 } })).toEqual(['stale_limits']);
  });

  it('accepts a request whose expected limits match the current ones', () => {
    expect(codes({ requested: { concurrent: 200 }, expected: { concurrent: 150, outbound: 80, agentless: 40 } })).toEqual([]);
  });

  it('accepts a request with no expected limits (the optimistic check is optional)', () => {
    expect(codes({ requested: { concurrent: 200 }, expected: {} })).toEqual([]);
    expect(codes({ requested: { concurrent: 200 } })).toEqual([]);
  });

  it('reports stale_limits before no_change, so a client that saw old values is told to reload', () => {
    expect(codes({ requested: { concurrent: 150 }, expected: { concurrent: 140 } })).toEqual(['stale_limits']);
  });
});

describe('findViolations and checkRevertAt: invalid_revert_at', () => {
  const temporary = (revertAt: Date | null | undefined) => codes({ requested: { concurrent: 200 }, revertAt });

  it('refuses a revertAt in the past (invalid_revert_at)', () => {
    expect(temporary(at(-1))).toEqual(['invalid_revert_at']);
  });

  it('refuses a revertAt of exactly now (invalid_revert_at)', () => {
    expect(temporary(at(0))).toEqual(['invalid_revert_at']);
  });

  it('accepts a revertAt one millisecond in the future', () => {
    expect(temporary(at(1))).toEqual([]);
  });

  it('accepts a revertAt just inside 90 days', () => {
    expect(temporary(at(90 * DAY_MS - 1))).toEqual([]);
  });

  it('accepts a revertAt of exactly 90 days from now', () => {
    expect(temporary(at(90 * DAY_MS))).toEqual([]);
  });

  it('refuses a revertAt of 90 days and 1 ms (invalid_revert_at)', () => {
    expect(temporary(at(90 * DAY_MS + 1))).toEqual(['invalid_revert_at']);
  });

  it('refuses an unreadable revertAt date (invalid_revert_at)', () => {
    expect(checkRevertAt(new Date('not a date'), NOW)).toEqual([
      expect.objectContaining({ code: 'invalid_revert_at', field: 'revertAt' }),
    ]);
  });

  it('allows a permanent change with revertAt absent or null', () => {
    expect(temporary(undefined)).toEqual([]);
    expect(temporary(null)).toEqual([]);
    expect(checkRevertAt(undefined, NOW)).toEqual([]);
    expect(checkRevertAt(null, NOW)).toEqual([]);
  });

  it('reports exceeds_concurrent and invalid_revert_at together, rules in the order a user should hear them', () => {
    expect(codes({ requested: { concurrent: 70 }, revertAt: at(-1) })).toEqual(['exceeds_concurrent', 'invalid_revert_at']);
  });
});

describe('evaluateChange', () => {
  it('returns the changes and the resulting limits of a valid request', () => {
    const result = evaluateChange({ tenant: league(), requested: { concurrent: 200, outbound: 80 }, now: NOW });
    expect(result).toEqual({
      ok: true,
      value: { changes: { concurrent: { from: 150, to: 200 } }, resulting: { concurrent: 200, outbound: 80, agentless: 40 } },
    });
  });

  it('returns the first violation only, and accepts or refuses the request as a whole', () => {
    const result = evaluateChange({ tenant: league(), requested: { concurrent: 30 }, revertAt: at(-1), now: NOW });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'exceeds_concurrent', field: 'outbound' }) });
  });

  it('does not change the tenant limits it was given', () => {
    const tenant = league();
    evaluateChange({ tenant, requested: { concurrent: 200 }, now: NOW });
    expect(tenant.limits).toEqual({ concurrent: 150, outbound: 80, agentless: 40 });
  });
});

describe('checkResultingLimits (the re-check at approval)', () => {
  const limits = (concurrent: number, outbound: number, agentless: number): Limits => ({ concurrent, outbound, agentless });

  it('accepts limits within every rule', () => {
    expect(checkResultingLimits({ personalConnectionEnabled: true }, limits(9999, 9999, 0))).toEqual([]);
  });

  it('refuses concurrent above 9,999 (limit_out_of_range)', () => {
    expect(checkResultingLimits({ personalConnectionEnabled: false }, limits(10_000, 0, 0))).toEqual([
      expect.objectContaining({ code: 'limit_out_of_range', field: 'concurrent' }),
    ]);
  });

  it('refuses outbound above concurrent with Personal Connection (exceeds_concurrent)', () => {
    expect(checkResultingLimits({ personalConnectionEnabled: true }, limits(100, 101, 100)).map((e) => e.code)).toEqual([
      'exceeds_concurrent',
    ]);
  });

  it('reports range errors alone, without a comparison against an invalid limit (limit_out_of_range)', () => {
    expect(checkResultingLimits({ personalConnectionEnabled: true }, limits(-1, 5, 5)).map((e) => e.code)).toEqual([
      'limit_out_of_range',
    ]);
  });

  it('ignores outbound and agentless without Personal Connection, where they do not apply', () => {
    expect(checkResultingLimits({ personalConnectionEnabled: false }, limits(10, 50, 50))).toEqual([]);
  });
});

describe('changesFrom', () => {
  it('lists from → to for each requested type that differs from the current limit', () => {
    expect(changesFrom({ concurrent: 150, outbound: 80, agentless: 40 }, { concurrent: 200, outbound: 60 })).toEqual({
      concurrent: { from: 150, to: 200 },
      outbound: { from: 80, to: 60 },
    });
  });

  it('leaves out requested values equal to the current limit and types not requested', () => {
    expect(changesFrom({ concurrent: 150, outbound: 80, agentless: 40 }, { concurrent: 150, agentless: 41 })).toEqual({
      agentless: { from: 40, to: 41 },
    });
  });

  it('returns no changes when nothing is requested', () => {
    expect(changesFrom({ concurrent: 150, outbound: 80, agentless: 40 }, {})).toEqual({});
  });
});

describe('checkApproval: the rules again, at the moment a rep approves', () => {
  const raise = { concurrent: { from: 150, to: 400 } };

  it('approves a change that still follows every rule', () => {
    expect(checkApproval(league(), raise)).toEqual([]);
  });

  it('refuses when the tenant lost Monitoring Gateway since (monitoring_gateway_disabled)', () => {
    expect(checkApproval(league({ monitoringGatewayEnabled: false }), raise).map((error) => error.code)).toEqual([
      'monitoring_gateway_disabled',
    ]);
  });

  it('refuses an outbound change when the tenant lost Personal Connection since (port_type_not_enabled)', () => {
    const outbound = { outbound: { from: 80, to: 100 } };
    expect(checkApproval(league({ personalConnectionEnabled: false }), outbound).map((error) => error.code)).toEqual([
      'port_type_not_enabled',
    ]);
  });

  it('refuses a target that the limits of the moment make break a rule (exceeds_concurrent)', () => {
    const lower = { concurrent: { from: 150, to: 100 } };
    expect(checkApproval(league({ limits: { concurrent: 150, outbound: 120, agentless: 40 } }), lower).map((e) => e.code)).toEqual([
      'exceeds_concurrent',
    ]);
  });
});
