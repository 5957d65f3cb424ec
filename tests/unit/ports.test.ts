import { describe, expect, it } from 'vitest';
import { type Limits, MAX_PORTS, applyChanges, concurrentDelta, enabledPortTypes } from '@/lib/domain/ports';

const league: Limits = { concurrent: 150, outbound: 80, agentless: 40 };

describe('enabledPortTypes', () => {
  it('offers concurrent, outbound and agentless with Personal Connection', () => {
    expect([...enabledPortTypes(true)]).toEqual(['concurrent', 'outbound', 'agentless']);
  });

  it('offers only concurrent without Personal Connection', () => {
    expect([...enabledPortTypes(false)]).toEqual(['concurrent']);
  });
});

describe('MAX_PORTS', () => {
  it('is 9,999 (SPEC §2: concurrent ports of a tenant ≤ 9,999)', () => {
    expect(MAX_PORTS).toBe(9999);
  });
});

describe('applyChanges', () => {
  it('sets each changed type to its new value and keeps the others', () => {
    expect(applyChanges(league, { concurrent: { from: 150, to: 200 }, agentless: { from: 40, to: 10 } })).toEqual({
      concurrent: 200,
      outbound: 80,
      agentless: 10,
    });
  });

  it('returns the same limits, as a copy, when nothing changes', () => {
    const next = applyChanges(league, {});
    expect(next).toEqual(league);
    expect(next).not.toBe(league);
  });

  it('does not modify the limits it is given', () => {
    applyChanges(league, { outbound: { from: 80, to: 0 } });
    expect(league).toEqual({ concurrent: 150, outbound: 80, agentless: 40 });
  });

  it('applies the to value as requested, whatever the recorded from', () => {
    expect(applyChanges(league, { concurrent: { from: 1, to: 160 } }).concurrent).toBe(160);
  });
});

describe('concurrentDelta', () => {
  it('is positive for a concurrent increase', () => {
    expect(concurrentDelta({ concurrent: { from: 150, to: 200 } })).toBe(50);
  });

  it('is negative for a concurrent decrease', () => {
    expect(concurrentDelta({ concurrent: { from: 150, to: 100 } })).toBe(-50);
  });

  it('is 0 when concurrent ports do not change (outbound/agentless changes consume no threshold)', () => {
    expect(concurrentDelta({ outbound: { from: 80, to: 100 }, agentless: { from: 40, to: 60 } })).toBe(0);
    expect(concurrentDelta({})).toBe(0);
  });
});
