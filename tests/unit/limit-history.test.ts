import { describe, expect, it } from 'vitest';
import { type LimitChange, limitHistory } from '@/lib/domain/limit-history';
import type { Limits } from '@/lib/domain/ports';

const at = (iso: string) => new Date(iso);
const WINDOW = at('2026-11-01T00:00:00Z');
const NOW = at('2026-11-26T10:00:00Z');
const limits = (concurrent: number, outbound = 0, agentless = 0): Limits => ({ concurrent, outbound, agentless });
const step = (iso: string, value: Limits) => ({ from: at(iso), ...value });

const applied = (iso: string, changes: LimitChange['changes'], requestId = 'r'): LimitChange => ({ at: at(iso), changes, direction: 'applied', requestId });
const reverted = (iso: string, changes: LimitChange['changes'], requestId = 'r'): LimitChange => ({ at: at(iso), changes, direction: 'reverted', requestId });

describe('limitHistory: the limits in force at each moment of a window (issue 13 §3)', () => {
  it('is one step, today’s limits from the window’s start, when nothing changed', () => {
    expect(limitHistory(limits(150, 80, 40), [], WINDOW, NOW)).toEqual([step('2026-11-01T00:00:00Z', limits(150, 80, 40))]);
  });

  it('ignores changes before the window: their result is what the window starts with', () => {
    const changes = [applied('2026-10-01T00:00:00Z', { concurrent: { from: 100, to: 150 } }), applied('2026-10-20T00:00:00Z', { outbound: { from: 60, to: 80 } })];
    expect(limitHistory(limits(150, 80), changes, WINDOW, NOW)).toEqual([step('2026-11-01T00:00:00Z', limits(150, 80))]);
  });

  it('steps up where an approved request applied, from the limits before it', () => {
    const changes = [applied('2026-11-10T09:30:00Z', { concurrent: { from: 150, to: 200 } })];
    expect(limitHistory(limits(200), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(150)),
      step('2026-11-10T09:30:00Z', limits(200)),
    ]);
  });

  it('steps up when a temporary change is applied and back down when it is reverted', () => {
    const raise = { concurrent: { from: 150, to: 300 } };
    const changes = [applied('2026-11-05T12:00:00Z', raise, 't'), reverted('2026-11-12T12:00:00Z', raise, 't')];
    expect(limitHistory(limits(150), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(150)),
      step('2026-11-05T12:00:00Z', limits(300)),
      step('2026-11-12T12:00:00Z', limits(150)),
    ]);
  });

  it('starts the window with a temporary change in force when it was applied before the window and reverted inside it', () => {
    const raise = { concurrent: { from: 150, to: 300 } };
    const changes = [applied('2026-10-25T00:00:00Z', raise), reverted('2026-11-03T00:00:00Z', raise)];
    expect(limitHistory(limits(150), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(300)),
      step('2026-11-03T00:00:00Z', limits(150)),
    ]);
  });

  it('follows each port type on its own when changes touch several', () => {
    const changes = [
      applied('2026-11-02T00:00:00Z', { concurrent: { from: 150, to: 200 }, outbound: { from: 80, to: 120 } }),
      applied('2026-11-09T00:00:00Z', { agentless: { from: 40, to: 20 } }),
      applied('2026-11-16T00:00:00Z', { outbound: { from: 120, to: 100 } }),
    ];
    expect(limitHistory(limits(200, 100, 20), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(150, 80, 40)),
      step('2026-11-02T00:00:00Z', limits(200, 120, 40)),
      step('2026-11-09T00:00:00Z', limits(200, 120, 20)),
      step('2026-11-16T00:00:00Z', limits(200, 100, 20)),
    ]);
  });

  it('counts a change exactly at the window’s start as already in force there, without a second step', () => {
    const changes = [applied('2026-11-01T00:00:00Z', { concurrent: { from: 150, to: 200 } })];
    expect(limitHistory(limits(200), changes, WINDOW, NOW)).toEqual([step('2026-11-01T00:00:00Z', limits(200))]);
  });

  it('counts a change exactly at now, and ignores changes after now (today’s limits do not hold them yet)', () => {
    const changes = [
      applied('2026-11-26T10:00:00Z', { concurrent: { from: 150, to: 200 } }),
      applied('2026-12-01T00:00:00Z', { concurrent: { from: 200, to: 999 } }),
      reverted('2026-11-30T00:00:00Z', { concurrent: { from: 150, to: 200 } }),
    ];
    expect(limitHistory(limits(200), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(150)),
      step('2026-11-26T10:00:00Z', limits(200)),
    ]);
  });

  it('takes the changes in time order whatever order they come in', () => {
    const raise = { concurrent: { from: 150, to: 300 } };
    const later = { concurrent: { from: 150, to: 180 } };
    const changes = [applied('2026-11-20T00:00:00Z', later, 'b'), reverted('2026-11-12T00:00:00Z', raise, 'a'), applied('2026-11-05T00:00:00Z', raise, 'a')];
    expect(limitHistory(limits(180), changes, WINDOW, NOW)).toEqual([
      step('2026-11-01T00:00:00Z', limits(150)),
      step('2026-11-05T00:00:00Z', limits(300)),
      step('2026-11-12T00:00:00Z', limits(150)),
      step('2026-11-20T00:00:00Z', limits(180)),
    ]);
  });

  it('adds no step for a change that moved nothing', () => {
    const changes = [applied('2026-11-10T00:00:00Z', { concurrent: { from: 150, to: 150 } })];
    expect(limitHistory(limits(150), changes, WINDOW, NOW)).toEqual([step('2026-11-01T00:00:00Z', limits(150))]);
  });

  it('is one step of today’s limits for a window that starts after now', () => {
    const changes = [applied('2026-11-10T00:00:00Z', { concurrent: { from: 150, to: 200 } })];
    expect(limitHistory(limits(200), changes, at('2026-12-01T00:00:00Z'), NOW)).toEqual([step('2026-12-01T00:00:00Z', limits(200))]);
  });

  it('does not change the limits or the changes it is given', () => {
    const current = limits(200);
    const changes = [applied('2026-11-10T00:00:00Z', { concurrent: { from: 150, to: 200 } })];
    const copy = structuredClone(changes);
    limitHistory(current, changes, WINDOW, NOW);
    expect(current).toEqual(limits(200));
    expect(changes).toEqual(copy);
  });
});
