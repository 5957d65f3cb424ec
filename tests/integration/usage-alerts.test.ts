import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as notificationsRoute from '@/app/api/v1/notifications/route';
import { notifications, usageAlerts, users } from '@/db/schema';
import type { UsageSample } from '@/lib/domain/usage';
import { dispatchEmails } from '@/lib/notifications/email-outbox';
import { createSmtpMailer } from '@/lib/notifications/smtp-mailer';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { ingestUsage } from '@/lib/usage/ingest-usage';
import { evaluateUsageAlerts } from '@/lib/usage/usage-alerts';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { SmtpSink } from '../support/smtp-sink';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { ATHOS, MARGUERITE, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The platform's metrics pipeline (the default usage-feed group, no home tenant). */
const FEED = 'metrics@platform.example';
/** A requester whose home is the League itself (a customer's own user): the League is in its scope. */
const LEAGUE_REQUESTER = 'chauvelin@league.example';
/** A requester of Blakeney, a sibling of the League: not the League's. */
const BLAKENEY_REQUESTER = 'ffoulkes@blakeney.example';
const DANA = 'dana@nautilus.example';

describe.each(BACKENDS)('usage alerts (issue 13 §5) on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let smtp: SmtpSink | null = null;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    ctx.clockControl.set('2026-11-26T23:50:00.000Z');
    installAppContext(ctx);
    await database.db.insert(users).values([
      { email: FEED, name: 'Metrics pipeline', groups: ['sspm-usage-feed'] },
      { email: LEAGUE_REQUESTER, name: 'Chauvelin', homeTenantId: 'league', groups: ['sspm-requester'] },
      { email: BLAKENEY_REQUESTER, name: 'Andrew Ffoulkes', homeTenantId: 'blakeney', groups: ['sspm-requester'] },
    ]);
  });
  afterEach(async () => {
    await smtp?.stop();
    smtp = null;
  });

  /** Posts samples through the ingestion use case, `minutesAgo` before the clock. */
  const ingest = async (...samples: { tenantId?: string; minutesAgo?: number; concurrent: number; outbound?: number; agentless?: number }[]) =>
    ingestUsage(ctx, await ctx.callerFor(FEED), {
      samples: samples.map(({ tenantId = 'league', minutesAgo = 1, ...values }) => ({
        tenantId,
        at: new Date(ctx.clock().getTime() - minutesAgo * MINUTE),
        ...values,
      })),
    });
  const alerts = async () =>
    (await database.db.select().from(notifications).where(eq(notifications.kind, 'usage_alert')).orderBy(asc(notifications.id))).map((row) => ({
      recipient: row.recipient,
      level: row.params.level,
      portType: row.params.portType,
      day: row.createdAt.toISOString().slice(0, 10),
    }));
  const levelsNotified = async () => [...new Set((await alerts()).map((alert) => `${alert.day} ${alert.portType} ${alert.level}`))];

  it('tells the partner’s requesters and the tenant’s rep, in-app, once per level, with no request', async () => {
    // The League's concurrent limit is 150: 121 is 80.7 %.
    await ingest({ concurrent: 121 });
    const rows = await database.db.select().from(notifications).where(eq(notifications.kind, 'usage_alert'));
    expect(rows.map((row) => row.recipient).sort()).toEqual([LEAGUE_REQUESTER, PERCY, REP].sort());
    expect(rows.every((row) => row.requestId === null && row.emailState === 'pending')).toBe(true);
    expect(rows[0]!.params).toEqual({
      tenantId: 'league',
      tenantName: 'The League of the Scarlet Pimpernel',
      portType: 'concurrent',
      level: 80,
      peak: 121,
      limit: 150,
      at: new Date(ctx.clock().getTime() - MINUTE).toISOString(),
    });
    // Not Marguerite (a viewer of the partner), not Athos or Dana (other partners), not Blakeney's requester, not the feed.
    for (const bystander of [MARGUERITE, ATHOS, DANA, BLAKENEY_REQUESTER, FEED]) expect(rows.map((row) => row.recipient)).not.toContain(bystander);

    const inbox = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: PERCY });
    expect(inbox.json!.items[0]).toMatchObject({
      kind: 'usage_alert',
      requestId: null,
      tenantId: 'league',
      subject: 'Concurrent ports at 80% of the limit: The League of the Scarlet Pimpernel',
    });
    expect(inbox.json!.items[0].body).toContain('had 121 of its 150 concurrent ports in use at once');
  });

  it('fires once per level per UTC day, across midnight with a fake clock, and not again until usage drops below the level', async () => {
    await ingest({ concurrent: 150, minutesAgo: 5 }); // 23:45, 100 %: one notification, at 100
    await ingest({ concurrent: 150, minutesAgo: 4 }, { concurrent: 149, minutesAgo: 3 }); // stays above 95: nothing
    await ingest({ concurrent: 60, minutesAgo: 2 }); // drops below every level: armed again
    await ingest({ concurrent: 150, minutesAgo: 1 }); // 23:49, 100 % again the same day: nothing
    expect(await levelsNotified()).toEqual(['2026-11-26 concurrent 100']);

    ctx.clockControl.set('2026-11-27T00:10:00.000Z');
    await ingest({ concurrent: 150, minutesAgo: 5 }); // still at the limit past midnight: it never dropped, nothing
    expect(await levelsNotified()).toEqual(['2026-11-26 concurrent 100']);
    await ingest({ concurrent: 140, minutesAgo: 4 }); // 93 %: 100 and 95 armed, 80 still reached
    await ingest({ concurrent: 150, minutesAgo: 3 }); // the next day, at 100 % again: notified
    await ingest({ concurrent: 10, minutesAgo: 2 }, { concurrent: 150, minutesAgo: 1 }); // again the same day: nothing
    expect(await levelsNotified()).toEqual(['2026-11-26 concurrent 100', '2026-11-27 concurrent 100']);
    expect((await alerts()).filter((alert) => alert.recipient === PERCY)).toHaveLength(2);
  });

  it('judges each port type against its own limit, independently', async () => {
    // Outbound 80 is the League's outbound limit (100 %), agentless 39 of 40 is 97.5 %.
    await ingest({ concurrent: 10, outbound: 80, agentless: 39 });
    expect((await levelsNotified()).sort()).toEqual(['2026-11-26 agentless 95', '2026-11-26 outbound 100']);
  });

  it('a backfill (samples older than an hour) is stored but changes no alert', async () => {
    await ingest({ concurrent: 150, minutesAgo: 61 }, { concurrent: 150, minutesAgo: 24 * 60 });
    expect(await alerts()).toEqual([]);
    expect(await database.db.select().from(usageAlerts)).toEqual([]);
  });

  it('e-mails each recipient through the outbox at once (no case to wait for), in their language, with a link to the tenant', async () => {
    smtp = new SmtpSink();
    await smtp.start();
    await database.db.update(users).set({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo' }).where(eq(sql`lower(${users.email})`, PERCY));
    await ingest({ concurrent: 143 });
    const report = await dispatchEmails(database.db, createSmtpMailer(smtp.url, 'SSPM <sspm@ops.example>'), {
      now: ctx.clock,
      appUrl: 'http://localhost:3000',
    });
    expect(report).toMatchObject({ sent: 3, waiting: 0, failed: 0 });
    const mails = new Map(smtp.received.map((mail) => [mail.to.join(), mail]));
    expect([...mails.keys()].sort()).toEqual([LEAGUE_REQUESTER, PERCY, REP].sort());
    expect(mails.get(REP)!.subject).toBe('Concurrent ports at 95% of the limit: The League of the Scarlet Pimpernel');
    expect(mails.get(REP)!.raw).toContain('http://localhost:3000/tenants/league');
    expect(mails.get(REP)!.raw).toContain('text/html');
    // Percy reads Portuguese: the subject is an encoded word; the body names the ports his way.
    expect(mails.get(PERCY)!.raw).toMatch(/portas simult/);
    expect((await database.db.select().from(notifications)).every((row) => row.emailState === 'sent')).toBe(true);
  });

  it('warns the requester a day before a temporary change ends while usage is above the limit it returns to, once', async () => {
    ctx.clockControl.set('2026-11-26T10:00:00.000Z');
    const percy = await ctx.callerFor(PERCY);
    const request = await submitRequest(
      ctx,
      percy,
      createRequestSchema.parse({
        tenantId: 'league',
        changes: { concurrent: 190 },
        reason: 'Membership drive',
        revertAt: new Date(ctx.clock().getTime() + 30 * HOUR).toISOString(),
      }),
    );
    expect(request.status).toBe('approved');
    // Usage climbed to 175 under the raised limit: above the 150 the change returns to.
    await ingest({ concurrent: 175 });
    ctx.clockControl.advance(7 * HOUR);
    expect((await revertTemporaryChanges(ctx)).warned).toBe(1);
    expect((await revertTemporaryChanges(ctx)).warned).toBe(0);
    const warnings = await database.db.select().from(notifications).where(eq(notifications.requestId, request.id));
    const ahead = warnings.filter((row) => row.kind === 'revert_above_usage' || row.kind === 'revert_due_soon');
    expect(ahead.map((row) => [row.recipient, row.kind])).toEqual([[PERCY, 'revert_above_usage']]);
    expect(ahead[0]!.params.usageAbove).toEqual([{ portType: 'concurrent', limit: 150, peak: 175 }]);

    const inbox = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: PERCY });
    const item = inbox.json!.items.find((entry: { kind: string }) => entry.kind === 'revert_above_usage');
    expect(item).toMatchObject({ requestId: request.id, subject: 'Temporary change ends while usage is above the previous limit: The League of the Scarlet Pimpernel' });
    expect(item.body).toContain('Concurrent ports: peak 175, limit after the change ends 150');
  });

  it('the warning stays the plain one when recent usage fits the limit the change returns to', async () => {
    ctx.clockControl.set('2026-11-26T10:00:00.000Z');
    const request = await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 190 }, reason: 'Drive', revertAt: new Date(ctx.clock().getTime() + 30 * HOUR).toISOString() }),
    );
    await ingest({ concurrent: 150 });
    ctx.clockControl.advance(7 * HOUR);
    await revertTemporaryChanges(ctx);
    const kinds = (await database.db.select().from(notifications).where(eq(notifications.requestId, request.id))).map((row) => row.kind);
    expect(kinds).toContain('revert_due_soon');
    expect(kinds).not.toContain('revert_above_usage');
  });

  it.runIf(backend === 'postgres')('two ingestions evaluating the same crossing at once notify it once', async () => {
    const now = ctx.clock();
    const crossing: UsageSample[] = [{ tenantId: 'league', at: new Date(now.getTime() - MINUTE), concurrent: 150 }];
    const race = async (samples: UsageSample[], at: Date) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let evaluated!: () => void;
      const firstEvaluated = new Promise<void>((resolve) => (evaluated = resolve));
      const first = database.db.transaction(async (tx) => {
        await evaluateUsageAlerts(tx, samples, at);
        evaluated();
        await held;
      });
      await firstEvaluated;
      // The second reads the states before the first commits, then waits on the rows the first wrote.
      let secondDone = false;
      const second = database.db.transaction((tx) => evaluateUsageAlerts(tx, samples, at)).then(() => (secondDone = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondDone).toBe(false);
      release();
      await Promise.all([first, second]);
    };

    await race(crossing, now);
    expect((await alerts()).map((alert) => alert.recipient).sort()).toEqual([LEAGUE_REQUESTER, PERCY, REP].sort());

    // The next day, over rows that exist (armed again, notified yesterday): the same, once.
    const dropped: UsageSample[] = [{ tenantId: 'league', at: now, concurrent: 0 }];
    await database.db.transaction((tx) => evaluateUsageAlerts(tx, dropped, now));
    const tomorrow = new Date(now.getTime() + HOUR);
    await race([{ tenantId: 'league', at: tomorrow, concurrent: 150 }], tomorrow);
    expect(await levelsNotified()).toEqual(['2026-11-26 concurrent 100', '2026-11-27 concurrent 100']);
    expect(await alerts()).toHaveLength(6);
    const states = await database.db.select().from(usageAlerts).where(eq(usageAlerts.portType, 'concurrent'));
    expect(states.map((row) => [row.level, row.reached, row.notifiedOn]).sort()).toEqual([
      [100, true, '2026-11-27'],
      [80, true, '2026-11-27'],
      [95, true, '2026-11-27'],
    ]);
  });

  it.runIf(backend === 'postgres')('two concurrent ingestions of the same samples notify once', async () => {
    const samples = [{ tenantId: 'league', at: new Date(ctx.clock().getTime() - MINUTE), concurrent: 150 }];
    const feed = await ctx.callerFor(FEED);
    await Promise.all([ingestUsage(ctx, feed, { samples }), ingestUsage(ctx, feed, { samples }), ingestUsage(ctx, feed, { samples })]);
    expect(await alerts()).toHaveLength(3);
  });

  it.runIf(backend === 'postgres')('evaluates 10,000 samples over 10,000 tenants in one pass of a few set-based statements', async () => {
    await database.db.execute(sql`
      insert into tenants (id, name, parent_id, account_rep_email, concurrent, outbound, agentless)
      select 'load-' || i, 'Load ' || i, 'nautilus', 'rep@ops.example', 100, 50, 20 from generate_series(1, 10000) i`);
    await database.db.execute(sql`analyze`);
    const now = ctx.clock();
    const batch = (minute: number, concurrentOf: (i: number) => number): UsageSample[] =>
      Array.from({ length: 10_000 }, (_, i) => ({
        tenantId: `load-${i + 1}`,
        at: new Date(now.getTime() - (10 - minute) * MINUTE),
        concurrent: concurrentOf(i),
        outbound: 10,
        agentless: 5,
      }));
    // The evaluation alone (it reads no samples back: storing them is the ingestion's own cost).
    const timed = async (samples: UsageSample[]) =>
      database.db.transaction(async (tx) => {
        const started = performance.now();
        await evaluateUsageAlerts(tx, samples, now);
        return performance.now() - started;
      });
    const quiet = await timed(batch(1, () => 50));
    // One tenant in ten reaches 100 % of concurrent: 1,000 alerts, 3,000 states, 2,000 notifications.
    const crossing = await timed(batch(2, (i) => (i % 10 === 0 ? 100 : 50)));
    const staying = await timed(batch(3, (i) => (i % 10 === 0 ? 100 : 50)));
    const everyone = await timed(batch(4, () => 100));
    console.info(
      `usage alerts, 10,000 samples over 10,000 tenants: quiet ${quiet.toFixed(0)} ms, 1,000 crossing ${crossing.toFixed(0)} ms, ` +
        `1,000 staying above ${staying.toFixed(0)} ms, 9,000 crossing at once ${everyone.toFixed(0)} ms`,
    );
    expect(await alerts()).toHaveLength(20_000);
    // The target is well under 200 ms for a minute's batch (measured on an idle machine: see the
    // lead's notes); the bound here only catches a query gone quadratic on a busy CI machine.
    expect(Math.max(quiet, crossing, staying)).toBeLessThan(1_000);
  });
});
