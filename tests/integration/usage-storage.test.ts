import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
const ALL_TENANTS = { kind: 'all' } as const;
import { readPeaksSince, readSeries, rollUpUsage, storeSamples } from '@/lib/data/usage';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

const at = (iso: string) => new Date(iso);

describe.each(BACKENDS)('usage storage (issue 13 §2) on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('keeps the first sample of a minute: a resend changes nothing and fills nothing', async () => {
    const samples = [
      { tenantId: 'league', at: at('2026-11-20T10:05:00Z'), concurrent: 120, outbound: 30 },
      { tenantId: 'league', at: at('2026-11-20T10:06:00Z'), concurrent: 140, outbound: 20, agentless: 5 },
      { tenantId: 'blakeney', at: at('2026-11-20T11:00:00Z'), concurrent: 10 },
    ];
    expect(await storeSamples(database.db, samples)).toEqual({ samples: 3, slots: 6 });
    expect(await storeSamples(database.db, samples)).toEqual({ samples: 0, slots: 0 });
    expect(await storeSamples(database.db, [{ ...samples[0]!, concurrent: 1 }])).toEqual({ samples: 0, slots: 0 });
    const series = await readSeries(database.db, 'league', { from: at('2026-11-20T10:00:00Z'), to: at('2026-11-20T11:00:00Z') }, 'minute');
    expect(series).toEqual([
      { start: at('2026-11-20T10:04:00Z'), concurrent: 120, outbound: 30, agentless: null },
      { start: at('2026-11-20T10:05:00Z'), concurrent: 140, outbound: 20, agentless: 5 },
    ]);
    const hours = await readSeries(database.db, 'league', { from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') }, 'hour');
    expect(hours).toEqual([{ start: at('2026-11-20T10:00:00Z'), concurrent: 140, outbound: 30, agentless: 5 }]);
    expect(await rollUpUsage(database.db, 100)).toBe(2);
    expect(await rollUpUsage(database.db, 100)).toBe(0);
    expect(await readSeries(database.db, 'league', { from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') }, 'hour')).toEqual(hours);
    const days = await readSeries(database.db, 'blakeney', { from: at('2026-11-01T00:00:00Z'), to: at('2026-11-30T00:00:00Z') }, 'day');
    expect(days).toEqual([{ start: at('2026-11-20T00:00:00Z'), concurrent: 10, outbound: null, agentless: null }]);
    // A late sample after the rollup: read at once, before the next rollup.
    await storeSamples(database.db, [{ tenantId: 'league', at: at('2026-11-20T10:30:00Z'), concurrent: 149 }]);
    const peaks = await readPeaksSince(database.db, ALL_TENANTS, at('2026-11-20T00:00:00Z'));
    expect(peaks.get('league')).toEqual({ concurrent: 149, outbound: 30, agentless: 5 });
    expect(peaks.get('blakeney')).toEqual({ concurrent: 10, outbound: null, agentless: null });
  });
});
