import { describe, expect, it } from 'vitest';
import type { Limits } from '@/lib/domain/ports';
import type { UsageSample } from '@/lib/domain/usage';
import {
  ALERT_LEVELS,
  type AlertLevel,
  type LevelStates,
  type StoredAlertState,
  planUsageAlerts,
  reachesLevel,
  stepAlert,
  usageAboveRestoredLimits,
} from '@/lib/domain/usage-alerts';
import { utcDate } from '@/lib/domain/threshold';
import { composeNotification, composeUsageAlert, voiceFor } from '@/lib/notifications/compose';
import { type UsageAlertParams, readUsageAlertParams } from '@/lib/notifications/params';
import { renderNotification } from '@/lib/notifications/render';

const DAY1 = '2026-11-26';
const DAY2 = '2026-11-27';
const ARMED: LevelStates = { 80: { reached: false, notifiedOn: null }, 95: { reached: false, notifiedOn: null }, 100: { reached: false, notifiedOn: null } };

/** Runs peaks through one port type's levels against `limit`, answering the level each notified (or null). */
function run(peaks: (number | null)[], limit = 100, day = DAY1, start: LevelStates = ARMED) {
  let states = start;
  const notified: (AlertLevel | null)[] = [];
  for (const peak of peaks) {
    const step = stepAlert(states, peak, limit, day);
    states = step.states;
    notified.push(step.notify);
  }
  return { states, notified };
}

const reached = (states: LevelStates) => ALERT_LEVELS.filter((level) => states[level].reached);

describe('usage alert levels (issue 13 §5), one port type', () => {
  it('the levels are 80, 95 and 100 % (the table’s check is built from them)', () => {
    expect([...ALERT_LEVELS]).toEqual([80, 95, 100]);
  });

  it('a first crossing of 80 % notifies at 80 and reaches only 80', () => {
    const { states, notified } = run([50, 80]);
    expect(notified).toEqual([null, 80]);
    expect(reached(states)).toEqual([80]);
    expect(states[80].notifiedOn).toBe(DAY1);
    expect(states[95].notifiedOn).toBeNull();
  });

  it('a rise through 80, 95 and 100 % notifies each level once, in turn', () => {
    expect(run([81, 96, 100]).notified).toEqual([80, 95, 100]);
  });

  it('a jump to 100 % notifies once, at 100, and counts for 80 and 95 too', () => {
    const { states, notified } = run([40, 120]);
    expect(notified).toEqual([null, 100]);
    expect(reached(states)).toEqual([80, 95, 100]);
    expect(ALERT_LEVELS.map((level) => states[level].notifiedOn)).toEqual([DAY1, DAY1, DAY1]);
  });

  it('usage that stays above a level notifies nothing more', () => {
    expect(run([85, 90, 94, 85, 80]).notified).toEqual([80, null, null, null, null]);
  });

  it('a sample below a level arms it again, keeping the day it notified', () => {
    const { states } = run([100, 90]);
    expect(reached(states)).toEqual([80]);
    expect(states[100]).toEqual({ reached: false, notifiedOn: DAY1 });
    expect(reached(run([100, 10]).states)).toEqual([]);
  });

  it('at most once per level per UTC day: dropping below and crossing again the same day notifies nothing', () => {
    expect(run([85, 50, 85, 50, 99]).notified).toEqual([80, null, null, null, 95]);
    // After 100 % (which counts for 80 and 95), a drop to 90 and a rise to 96 the same day says nothing new.
    expect(run([100, 90, 96, 50, 100]).notified).toEqual([100, null, null, null, null]);
  });

  it('the next UTC day, crossing again after a drop notifies again', () => {
    const day1 = run([100, 50]);
    expect(run([100], 100, DAY2, day1.states).notified).toEqual([100]);
    expect(run([85], 100, DAY2, day1.states).notified).toEqual([80]);
  });

  it('usage still above a level at midnight does not notify again the next day: it must drop below first', () => {
    const day1 = run([100]);
    expect(run([100, 99, 100], 100, DAY2, day1.states).notified).toEqual([null, null, 100]);
  });

  it('a sample without a value of the port type changes nothing', () => {
    const day1 = run([100]);
    expect(run([null], 100, DAY1, day1.states).states).toEqual(day1.states);
  });

  it('judges the peak against the limit exactly: 95 of 100 and 57 of 60 reach 95 %, 94 of 100 does not', () => {
    expect(reachesLevel(95, 100, 95)).toBe(true);
    expect(reachesLevel(57, 60, 95)).toBe(true);
    expect(reachesLevel(94, 100, 95)).toBe(false);
    expect(reachesLevel(119, 149, 80)).toBe(false);
    expect(reachesLevel(120, 150, 80)).toBe(true);
  });

  it('a limit of 0: any usage is 100 % (calls are refused) and notifies once; no usage is below every level', () => {
    const { states, notified } = run([0, 3, 5, 0], 0);
    expect(notified).toEqual([null, 100, null, null]);
    expect(reached(states)).toEqual([]);
    expect(run([0, 0], 0).states).toEqual(ARMED);
  });
});

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-26T10:00:00Z');
const LIMITS = new Map<string, Limits>([
  ['league', { concurrent: 150, outbound: 80, agentless: 40 }],
  ['blakeney', { concurrent: 50, outbound: 0, agentless: 0 }],
]);
const sample = (tenantId: string, iso: string, concurrent: number, extra: Partial<UsageSample> = {}): UsageSample => ({
  tenantId,
  at: at(iso),
  concurrent,
  ...extra,
});

describe('planUsageAlerts: a batch of samples', () => {
  it('takes each tenant’s samples in time order, whatever order the batch is in', () => {
    const plan = planUsageAlerts(
      [sample('league', '2026-11-26T09:59:00Z', 50), sample('league', '2026-11-26T09:58:00Z', 150)],
      LIMITS,
      [],
      NOW,
    );
    // 150 (100 %) at 09:58, then 50 at 09:59: notified at 100, and every level armed again at the end.
    expect(plan.alerts).toEqual([{ tenantId: 'league', portType: 'concurrent', level: 100, peak: 150, limit: 150, at: at('2026-11-26T09:58:00Z') }]);
    expect(plan.changes.map((change) => [change.level, change.after])).toEqual([
      [80, { reached: false, notifiedOn: DAY1 }],
      [95, { reached: false, notifiedOn: DAY1 }],
      [100, { reached: false, notifiedOn: DAY1 }],
    ]);
  });

  it('port types are independent: each has its own levels, notified separately', () => {
    const plan = planUsageAlerts([sample('league', '2026-11-26T09:59:00Z', 121, { outbound: 80, agentless: 10 })], LIMITS, [], NOW);
    expect(plan.alerts.map((alert) => [alert.portType, alert.level])).toEqual([
      ['concurrent', 80],
      ['outbound', 100],
    ]);
  });

  it('samples older than an hour (a backfill) change nothing and notify nothing', () => {
    const plan = planUsageAlerts([sample('league', '2026-11-26T08:59:59Z', 150), sample('league', '2026-11-20T10:00:00Z', 150)], LIMITS, [], NOW);
    expect(plan).toEqual({ changes: [], alerts: [] });
    expect(planUsageAlerts([sample('league', '2026-11-26T09:00:00Z', 150)], LIMITS, [], NOW).alerts).toHaveLength(1);
  });

  it('starts from the stored states, and writes only what changed, with the state it read', () => {
    const stored: StoredAlertState[] = [
      { tenantId: 'league', portType: 'concurrent', level: 80, reached: true, notifiedOn: '2026-11-25' },
      { tenantId: 'league', portType: 'concurrent', level: 95, reached: false, notifiedOn: DAY1 },
    ];
    const plan = planUsageAlerts([sample('league', '2026-11-26T09:59:00Z', 143)], LIMITS, stored, NOW);
    // 143 of 150 is 95.3 %: 95 was notified today already, so nothing is said; 95 is reached again.
    expect(plan.alerts).toEqual([]);
    expect(plan.changes).toEqual([
      { tenantId: 'league', portType: 'concurrent', level: 95, before: { reached: false, notifiedOn: DAY1 }, after: { reached: true, notifiedOn: DAY1 }, stored: true },
    ]);
  });

  it('a state changed and changed back within the batch is written only if it differs from what was read', () => {
    const plan = planUsageAlerts(
      [sample('blakeney', '2026-11-26T09:50:00Z', 10), sample('blakeney', '2026-11-26T09:51:00Z', 10)],
      LIMITS,
      [],
      NOW,
    );
    expect(plan.changes).toEqual([]);
  });

  it('a tenant it has no limits for is left out', () => {
    expect(planUsageAlerts([sample('nowhere', '2026-11-26T09:59:00Z', 1000)], LIMITS, [], NOW)).toEqual({ changes: [], alerts: [] });
  });

  it('the day is the UTC day of now, whatever the time zone', () => {
    expect(utcDate(at('2026-11-26T23:59:59.999Z'))).toBe(DAY1);
    expect(utcDate(at('2026-11-27T00:00:00Z'))).toBe(DAY2);
  });
});

describe('usageAboveRestoredLimits: the warning before a temporary change ends', () => {
  it('names each changed port type whose recent peak is above the limit it returns to', () => {
    const changes = { concurrent: { from: 150, to: 250 }, outbound: { from: 80, to: 100 } };
    expect(usageAboveRestoredLimits(changes, { concurrent: 180, outbound: 80, agentless: 39 })).toEqual([{ portType: 'concurrent', limit: 150, peak: 180 }]);
    expect(usageAboveRestoredLimits(changes, { concurrent: 150, outbound: null, agentless: null })).toEqual([]);
    expect(usageAboveRestoredLimits(changes, undefined)).toEqual([]);
  });
});

describe('the words of a usage alert', () => {
  const params: UsageAlertParams = {
    tenantId: 'league',
    tenantName: 'The League of the Scarlet Pimpernel',
    portType: 'concurrent',
    level: 95,
    peak: 143,
    limit: 150,
    at: '2026-11-26T14:05:00.000Z',
  };
  const english = voiceFor('en', 'UTC');
  const portuguese = voiceFor('pt-BR', 'America/Sao_Paulo');

  it('says which ports reached which level, the peak against the limit and when, with a link to the tenant’s page', () => {
    const message = composeUsageAlert(params, english, { appUrl: 'https://sspm.example/' });
    expect(message.subject).toBe('Concurrent ports at 95% of the limit: The League of the Scarlet Pimpernel');
    expect(message.text).toMatch(/At Nov 26, 2026,? 14:05, The League of the Scarlet Pimpernel had 143 of its 150 concurrent ports in use at once\./);
    expect(message.text).toContain('Details: https://sspm.example/tenants/league');
    expect(message.html).toContain('<a href="https://sspm.example/tenants/league">View the tenant</a>');
    expect(message.text).not.toMatch(/case/i);
    expect(composeUsageAlert({ ...params, level: 100, peak: 150 }, english).subject).toBe('Concurrent ports at the limit: The League of the Scarlet Pimpernel');
  });

  it('is worded in the reader’s language and time zone, text and HTML alike', () => {
    const message = composeUsageAlert({ ...params, portType: 'outbound', limit: 0, peak: 3, level: 100 }, portuguese, { appUrl: 'https://sspm.example' });
    expect(message.subject).toBe('Portas de saída no limite: The League of the Scarlet Pimpernel');
    expect(message.text).toMatch(/Em 26\/11\/2026,? 11:05, The League of the Scarlet Pimpernel tinha 3 portas de saída em uso ao mesmo tempo, com um limite de 0\./);
    expect(message.html).toContain('lang="pt-BR"');
    expect(message.html).toContain('Ver o inquilino');
  });

  it('a stored usage alert renders from its parameters, with no request; incomplete parameters are not read', () => {
    const row = { kind: 'usage_alert' as const, params, requestId: null, subject: '', body: '' };
    expect(renderNotification(row, null, null, english, { inApp: true }).subject).toBe('Concurrent ports at 95% of the limit: The League of the Scarlet Pimpernel');
    expect(readUsageAlertParams({ ...params, level: 90 })).toBeNull();
    expect(readUsageAlertParams({ ...params, portType: 'inbound' })).toBeNull();
    expect(readUsageAlertParams({ tenantName: 'T' })).toBeNull();
  });

  it('the warning before a temporary change ends names each port type above the limit it returns to', () => {
    const facts = {
      requestId: '6f1c2a1e-0000-4000-8000-000000000001',
      caseNumber: '00001042',
      tenantName: 'The League of the Scarlet Pimpernel',
      changes: { concurrent: { from: 150, to: 250 } },
      requestedBy: 'percy@classics.example',
      reason: 'Membership drive',
      justification: null,
      decidedBy: 'rep@ops.example',
      decisionComment: null,
      revertAt: '2026-12-01T00:00:00.000Z',
      revertBlockedReason: null,
      usageAbove: [{ portType: 'concurrent' as const, limit: 150, peak: 212 }],
    };
    const message = composeNotification('revert_above_usage', facts, english, { appUrl: 'https://sspm.example' });
    expect(message.subject).toBe('[Case 00001042] Temporary change ends while usage is above the previous limit: The League of the Scarlet Pimpernel');
    expect(message.text).toMatch(/ends at Dec 1, 2026,? 00:00, but its peak of the last 7 days is above the limits it will return to:/);
    expect(message.text).toContain('Concurrent ports: peak 212, limit after the change ends 150');
    expect(message.text).toContain('https://sspm.example/requests/6f1c2a1e-0000-4000-8000-000000000001');
    expect(composeNotification('revert_above_usage', facts, portuguese).text).toContain('Portas simultâneas: pico de 212, limite depois do fim da alteração 150');
  });
});
