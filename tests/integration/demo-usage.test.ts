import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as usageRoute from '@/app/api/v1/usage/route';
import { queryRows } from '@/db/client';
import { DEMO_TENANTS, USAGE_FEED_EMAIL } from '@/db/demo-data';
import { seedDemoUsage } from '@/db/demo-usage';
import { UsageFeed } from '@/db/usage-feed';
import { ensureUsageFeedToken } from '@/db/usage-feed-token';
import { createApiToken } from '@/lib/auth/api-tokens';
import { readPeaksSince, readSeries } from '@/lib/data/usage';
import { call, installAppContext } from '../support/api';
import { BACKENDS, type TestDatabase, createTestDatabase } from '../support/test-db';
import { PERCY, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// A Thursday afternoon.
const NOW = new Date('2026-11-26T15:30:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(BACKENDS)('the demo usage seed (issue 13 §8) on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  const highest = async (tenantId: string, type: 'concurrent' | 'outbound' | 'agentless', since: Date) =>
    Math.max(...(await readSeries(database.db, tenantId, { from: since, to: at(HOUR) }, 'hour')).map((point) => point[type] ?? 0));

  /** Every stored row, as text, so that two states of the tables compare whole. */
  const digest = async (before?: Date) => {
    const cutoff = (before ?? at(10 * DAY)).toISOString();
    const [row] = await queryRows<{ minutes: string; peaks: string }>(
      database.db,
      sql`select
        (select md5(string_agg(concat_ws('|', tenant_id, hour_start, concurrent, outbound, agentless, rolled), ',' order by tenant_id, hour_start))
           from usage_minutes where hour_start < ${cutoff}::timestamptz) as minutes,
        (select md5(string_agg(concat_ws('|', tenant_id, bucket, start, concurrent, outbound, agentless), ',' order by tenant_id, bucket, start))
           from usage_peaks where start < ${cutoff}::timestamptz and (bucket = 'hour' or start + interval '1 day' <= ${cutoff}::timestamptz)) as peaks`,
    );
    return row!;
  };

  describe('seeded once, 30 days up to a Thursday afternoon', () => {
    beforeAll(async () => {
      database = await createTestDatabase(backend);
      await seedDemoUsage(database.db, NOW);
    });
    afterAll(() => database.dispose());

    it('gives the League a 30-day concurrent peak of at least 95 % of its 150 ports, within its outbound and agentless limits, and Blakeney below 60 % of its 50', async () => {
      const month = at(-30 * DAY);
      const league = await highest('league', 'concurrent', month);
      expect(league).toBeGreaterThanOrEqual(0.95 * 150);
      expect(league).toBeLessThanOrEqual(150);
      // The drive is under way now: the last day reached 95 % too, so its alerts show.
      expect(await highest('league', 'concurrent', at(-DAY))).toBeGreaterThanOrEqual(0.95 * 150);
      expect(await highest('league', 'outbound', month)).toBeLessThanOrEqual(80);
      expect(await highest('league', 'agentless', month)).toBeLessThanOrEqual(40);
      expect(await highest('blakeney', 'concurrent', month)).toBeLessThan(0.6 * 50);
    });

    it('stores 30 days of minutes for the SPEC tenants and, for Nautilus’s customers, the peaks the dashboard and the suggestions read', async () => {
      // Every minute of the first and the last hour of the 30 days.
      for (const from of [at(-30 * DAY + 30 * MINUTE), at(-HOUR)]) {
        expect(await readSeries(database.db, 'gascony', { from, to: new Date(from.getTime() + HOUR) }, 'minute')).toHaveLength(60);
      }
      const customers = DEMO_TENANTS.filter((tenant) => tenant.parentId === 'nautilus').map((tenant) => tenant.id);
      const week = await readPeaksSince(database.db, { kind: 'all' }, new Date(Date.UTC(2026, 10, 19)), customers);
      const month = await readPeaksSince(database.db, { kind: 'all' }, new Date(Date.UTC(2026, 9, 27)), customers);
      expect(week.size).toBe(150);
      expect(month.size).toBe(150);
      const bands = customers.map((id) => {
        const limit = DEMO_TENANTS.find((tenant) => tenant.id === id)!.concurrent!;
        const percent = (week.get(id)!.concurrent! * 100) / limit;
        return percent >= 95 ? 'red' : percent >= 80 ? 'amber' : 'green';
      });
      expect(bands.filter((band) => band === 'green').length).toBeGreaterThan(120);
      expect(bands.filter((band) => band !== 'green').length).toBeGreaterThanOrEqual(6);
      // The 30 days hourly, for their charts: every hour of each.
      for (const id of [customers[0]!, customers.at(-1)!]) {
        expect(await readSeries(database.db, id, { from: at(-30 * DAY), to: NOW }, 'hour')).toHaveLength(30 * 24);
      }
    });

    it('notifies the League’s partner of its alerts, as the feed’s ingestion would have', async () => {
      const notices = await queryRows<{ level: number; port_type: string }>(
        database.db,
        sql`select (params->>'level')::int as level, params->>'portType' as port_type from notifications
             where kind = 'usage_alert' and recipient = ${PERCY} and params->>'tenantId' = 'league'`,
      );
      expect(notices).toContainEqual({ level: 95, port_type: 'concurrent' });
    });

    it('stores nothing new when it runs again at the same moment', async () => {
      const before = await digest();
      const [notices] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from notifications`);
      const again = await seedDemoUsage(database.db, NOW);
      expect(again).toMatchObject({ minuteRows: 0, peaks: 0 });
      expect(await digest()).toEqual(before);
      expect(await queryRows(database.db, sql`select count(*)::int as n from notifications`)).toEqual([notices]);
    });
  });

  describe('seeded afresh for each test', () => {
    freshDatabaseEachTest(backend, (fresh, freshCtx) => {
      database = fresh;
      ctx = freshCtx;
    });

    it('tops up to its new moment a day later, leaving every slot it had stored as it was', async () => {
      const first = await seedDemoUsage(database.db, NOW);
      const complete = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR);
      const before = await digest(complete);
      const later = await seedDemoUsage(database.db, at(DAY));
      expect(later.minuteRows).toBeGreaterThan(0);
      // The League's drive is dated from the first seed, whenever the next one runs.
      expect(later.driveStart).toEqual(first.driveStart);
      expect(await digest(complete)).toEqual(before);
      const lastMinutes = await readSeries(database.db, 'league', { from: at(DAY - 10 * MINUTE), to: at(DAY) }, 'minute');
      expect(lastMinutes.map((point) => point.start)).toEqual(Array.from({ length: 10 }, (_, i) => at(DAY - (10 - i) * MINUTE)));
      // The gap between the two moments is filled, minute by minute.
      expect(await readSeries(database.db, 'blakeney', { from: NOW, to: at(DAY) }, 'minute')).toHaveLength(24 * 60);
    });

    describe('with the live feed (npm run usage:feed)', () => {
      it('agrees with the feed: its backfill through the API finds the seeded minutes already there and stores only those since', async () => {
        await seedDemoUsage(database.db, NOW);
        ctx.clockControl.set(at(5 * MINUTE));
        installAppContext(ctx);
        const caller = await ctx.callerFor(USAGE_FEED_EMAIL);
        const { token } = await createApiToken(ctx, caller, { name: 'feed', expiresInDays: 30 });
        const lines: string[] = [];
        const posted: number[] = [];
        const feed = new UsageFeed({
          clock: ctx.clock,
          log: (line) => lines.push(line),
          post: async (samples) => {
            posted.push(samples.length);
            const response = await call(usageRoute.POST, 'POST', '/api/v1/usage', { authorization: `Bearer ${token}`, body: { samples } });
            return { status: response.status, body: response.json };
          },
        });
        // Newest first: the last 64 minutes (5 new), then 64 already seeded.
        expect(await feed.backfill()).toBe(5 * 156);
        expect(posted).toEqual([64 * 156, 64 * 156]);
        expect(lines[0]).toMatch(/POST 9984 samples \(14:31–15:35\) → 200: stored 780, duplicates 9204$/);
        expect(lines[1]).toMatch(/→ 200: stored 0, duplicates 9984$/);
        // A minute later it posts the minute that has just ended, one sample per demo tenant.
        ctx.clockControl.advance(MINUTE + 1_000);
        await feed.catchUp();
        expect(posted.at(-1)).toBe(156);
        expect(lines.at(-1)).toMatch(/\(15:35–15:36\) → 200: stored 156, duplicates 0$/);
      });

      describe('its token', () => {
        let dir: string;
        let file: string;
        beforeAll(() => {
          dir = mkdtempSync(path.join(tmpdir(), 'sspm-feed-token-'));
          file = path.join(dir, 'usage-feed-token');
        });
        afterAll(() => rmSync(dir, { recursive: true, force: true }));

        it('is minted for the feed’s user into a file only its owner reads, kept while it works, and minted again when revoked or lost', async () => {
          expect(await ensureUsageFeedToken(database.db, file, NOW)).toBe('minted');
          expect(statSync(file).mode & 0o777).toBe(0o600);
          const token = readFileSync(file, 'utf8').trim();
          ctx.clockControl.set(NOW);
          installAppContext(ctx);
          const sample = { tenantId: 'league', at: NOW.toISOString(), concurrent: 1 };
          const accepted = await call(usageRoute.POST, 'POST', '/api/v1/usage', { authorization: `Bearer ${token}`, body: { samples: [sample] } });
          expect(accepted.status).toBe(200);

          expect(await ensureUsageFeedToken(database.db, file, NOW)).toBe('kept');
          expect(readFileSync(file, 'utf8').trim()).toBe(token);

          await database.db.execute(sql`update api_tokens set revoked_at = ${NOW.toISOString()}::timestamptz`);
          expect(await ensureUsageFeedToken(database.db, file, NOW)).toBe('minted');
          expect(readFileSync(file, 'utf8').trim()).not.toBe(token);

          rmSync(file);
          expect(await ensureUsageFeedToken(database.db, file, NOW)).toBe('minted');
          expect(existsSync(file)).toBe(true);
          const [audit] = await queryRows<{ n: number }>(
            database.db,
            sql`select count(*)::int as n from audit_events where action = 'api_token_created' and actor = ${USAGE_FEED_EMAIL}`,
          );
          expect(audit!.n).toBe(3);
        });
      });
    });
  });
});
