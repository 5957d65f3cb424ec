import { sql } from 'drizzle-orm';
import { PORT_TYPES } from '../lib/domain/ports';
import { type Peaks, type UsageSample, maxPeak } from '../lib/domain/usage';
import { type Executor, queryRows } from './client';
import { DEMO_TENANTS } from './demo-data';
import { DEMO_USAGE_PROFILES, type DemoHour, type DemoUsageProfile, demoHour, demoPeaks } from './demo-usage-curve';

/**
 * The demo's usage (issue 13 §8), written straight into the usage tables: 30 days up to `now` of
 * the curve in db/demo-usage-curve.ts, which the live feed (`npm run usage:feed`) continues.
 *
 * - Idempotent and topping up: each tenant resumes after the last minute stored for it, and a slot
 *   already filled keeps its value (the same merge as the ingestion's), so a second seed at the
 *   same moment writes nothing and a later one fills the gap up to its `now`.
 * - Fast enough on the embedded database, where each row written costs tens of microseconds: the six
 *   tenants of SPEC §4 get minute slots for all 30 days; Nautilus's 150 customers get minute slots for
 *   the last two hours and hourly and daily peaks for the 30 days (what the usage job would have
 *   rolled them up into; the reads take both), so each customer's page draws its whole month: about
 *   3 s on PGlite, after the app's first answer (lib/app-context.ts). Complete hours are stored
 *   rolled up (their row marked rolled, their hour's and day's peaks written), so that the dashboard
 *   reads a few daily peaks rather than thousands of minute rows.
 * - The usage alerts of the last day are replayed hour by hour (each hour judged at its end, as the
 *   feed would have had them judged), so the League's bell shows its alerts whatever the time of
 *   day the demo starts.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const DEMO_USAGE_DAYS = 30;
/** How far back each kind of row goes: minute slots, then hourly peaks, then daily peaks only. */
type Tiers = { minuteMs: number; hourMs: number };
const SPEC_TIERS: Tiers = { minuteMs: DEMO_USAGE_DAYS * DAY_MS, hourMs: DEMO_USAGE_DAYS * DAY_MS };
const CUSTOMER_TIERS: Tiers = { minuteMs: 2 * HOUR_MS, hourMs: DEMO_USAGE_DAYS * DAY_MS };
/** The League's drive began this many days before the first seed's `now`. */
const DRIVE_DAYS_BEFORE_FIRST_SEED = 7;
/** How much of the newly seeded usage the alerts are replayed over. */
const ALERT_REPLAY_MS = DAY_MS;

const MINUTE_ROWS_PER_STATEMENT = 2_000;
const PEAK_ROWS_PER_STATEMENT = 10_000;

const NAUTILUS_CUSTOMERS = new Set(DEMO_TENANTS.filter((tenant) => tenant.parentId === 'nautilus').map((tenant) => tenant.id));
const tiersOf = (profile: DemoUsageProfile) => (NAUTILUS_CUSTOMERS.has(profile.tenantId) ? CUSTOMER_TIERS : SPEC_TIERS);

export type DemoUsageResult = {
  /** Minute rows and peaks (hourly and daily) written or completed; 0 and 0: nothing was missing. */
  minuteRows: number;
  peaks: number;
  /** The League's drive start, which the seed derives from the first seed. */
  driveStart: Date;
};

/** Seeds (or tops up) the demo tenants' usage up to `now`, in one transaction. */
export async function seedDemoUsage(db: Executor, now: Date): Promise<DemoUsageResult> {
  return db.transaction(async (tx) => {
    const nowMinute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
    const windowStart = Math.floor(nowMinute / HOUR_MS) * HOUR_MS - DEMO_USAGE_DAYS * DAY_MS;
    const { resume, firstStored } = await readProgress(tx);
    const driveStart = (firstStored ?? windowStart) + (DEMO_USAGE_DAYS - DRIVE_DAYS_BEFORE_FIRST_SEED) * DAY_MS;

    const minuteRows: MinuteRow[] = [];
    const hourPeaks: PeakRow[] = [];
    const dayPeaks: PeakRow[] = [];
    const starts = new Map<DemoUsageProfile, number>();

    const currentHour = Math.floor(nowMinute / HOUR_MS) * HOUR_MS;
    for (const profile of DEMO_USAGE_PROFILES) {
      const from = resume.get(profile.tenantId);
      if (from === null) continue; // not a tenant of this database
      const start = Math.max(from ?? windowStart, windowStart);
      starts.set(profile, start);
      const tiers = tiersOf(profile);
      for (let dayStart = Math.floor(start / DAY_MS) * DAY_MS; dayStart < nowMinute; dayStart += DAY_MS) {
        const day: Peaks = { concurrent: null, outbound: null, agentless: null };
        const firstHour = Math.max(dayStart, Math.floor(start / HOUR_MS) * HOUR_MS);
        const dayEnd = Math.min(dayStart + DAY_MS, nowMinute);
        // The hours before any row of their own count only towards their day's peak.
        const detailFrom = Math.min(dayEnd, Math.max(firstHour, currentHour - Math.max(tiers.minuteMs, tiers.hourMs)));
        if (detailFrom > firstHour) {
          const peaks = demoPeaks(profile, firstHour, detailFrom, driveStart);
          for (const type of PORT_TYPES) day[type] = maxPeak(day[type], peaks[type]);
        }
        for (let hourStart = detailFrom; hourStart < dayEnd; hourStart += HOUR_MS) {
          const hour = demoHour(profile, hourStart, driveStart);
          // Minutes that have ended by now; the first hour's minutes before `start` are stored already.
          const ended = Math.min(60, (nowMinute - hourStart) / MINUTE_MS);
          if (hourStart >= currentHour - tiers.minuteMs) {
            minuteRows.push({ t: profile.tenantId, h: new Date(hourStart).toISOString(), ...slotLiterals(hour, ended), r: ended === 60 });
          }
          // Only complete hours have their peaks written (the usage job rolls up the current one).
          if (ended < 60) continue;
          if (hourStart >= currentHour - tiers.hourMs) hourPeaks.push(peakRow(profile.tenantId, hourStart, hour.peaks));
          for (const type of PORT_TYPES) day[type] = maxPeak(day[type], hour.peaks[type]);
        }
        if (day.concurrent !== null) dayPeaks.push(peakRow(profile.tenantId, dayStart, day));
      }
    }

    let written = 0;
    for (let i = 0; i < minuteRows.length; i += MINUTE_ROWS_PER_STATEMENT) written += await writeMinutes(tx, minuteRows.slice(i, i + MINUTE_ROWS_PER_STATEMENT));
    let peaks = 0;
    for (const [bucket, rows] of [['hour', hourPeaks], ['day', dayPeaks]] as const) {
      for (let i = 0; i < rows.length; i += PEAK_ROWS_PER_STATEMENT) peaks += await writePeaks(tx, bucket, rows.slice(i, i + PEAK_ROWS_PER_STATEMENT));
    }
    if (written > 0) await replayAlerts(tx, starts, driveStart, nowMinute, now);
    return { minuteRows: written, peaks, driveStart: new Date(driveStart) };
  });
}

type MinuteRow = { t: string; h: string; c: string; o: string; a: string; r: boolean };
type PeakRow = { t: string; s: string; c: number | null; o: number | null; a: number | null };

const peakRow = (tenantId: string, start: number, peaks: Peaks): PeakRow => ({
  t: tenantId,
  s: new Date(start).toISOString(),
  c: peaks.concurrent,
  o: peaks.outbound,
  a: peaks.agentless,
});

/** PostgreSQL array literals of an hour's 60 slots, the minutes from `ended` on left empty. */
function slotLiterals(hour: DemoHour, ended: number): Pick<MinuteRow, 'c' | 'o' | 'a'> {
  return { c: slotLiteral(hour.concurrent, ended), o: slotLiteral(hour.outbound, ended), a: slotLiteral(hour.agentless, ended) };
}

const NO_SLOTS = `{${Array<string>(60).fill('NULL').join(',')}}`;

function slotLiteral(values: Int16Array | null, ended: number): string {
  if (!values) return NO_SLOTS;
  if (ended === 60) return `{${values.join(',')}}`;
  return `{${[...values.subarray(0, ended), ...Array<string>(60 - ended).fill('NULL')].join(',')}}`;
}

/**
 * Where each demo tenant's usage stops: the minute after the last one stored (minute rows fill
 * their slots in order, from the seed or the feed), or the hour after its last hourly peak; null
 * for a demo tenant missing from the database, undefined for one with no usage yet. And the first
 * hour stored of the League's, from which its drive is dated.
 */
async function readProgress(tx: Executor): Promise<{ resume: Map<string, number | null | undefined>; firstStored: number | null }> {
  const ids = JSON.stringify(DEMO_USAGE_PROFILES.map((profile) => profile.tenantId));
  const rows = await queryRows<{ id: string; resume: string | Date | null }>(
    tx,
    sql`
    select t.id, greatest(
             (select m.hour_start + usage_filled(m.concurrent) * interval '1 minute'
                from usage_minutes m where m.tenant_id = t.id order by m.hour_start desc limit 1),
             (select p.start + interval '1 hour'
                from usage_peaks p where p.tenant_id = t.id and p.bucket = 'hour' order by p.start desc limit 1)
           ) as resume
      from tenants t
     where t.id in (select jsonb_array_elements_text(${ids}::jsonb))`,
  );
  const resume = new Map<string, number | null | undefined>(DEMO_USAGE_PROFILES.map((profile) => [profile.tenantId, null]));
  for (const row of rows) resume.set(row.id, row.resume === null ? undefined : new Date(row.resume).getTime());
  const [first] = await queryRows<{ first: string | Date | null }>(
    tx,
    sql`
    select least(
             (select min(hour_start) from usage_minutes where tenant_id = 'league'),
             (select min(start) from usage_peaks where tenant_id = 'league' and bucket = 'hour')
           ) as first`,
  );
  return { resume, firstStored: first?.first ? new Date(first.first).getTime() : null };
}

/** Merges minute rows as the ingestion does (lib/data/usage.ts storeSamples); answers the rows written. */
async function writeMinutes(tx: Executor, rows: readonly MinuteRow[]): Promise<number> {
  const [result] = await queryRows<{ written: number }>(
    tx,
    sql`
    with written as (
      insert into usage_minutes as m (tenant_id, hour_start, concurrent, outbound, agentless, rolled)
      select x.t, x.h, x.c::smallint[], x.o::smallint[], x.a::smallint[], x.r
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(t text, h timestamptz, c text, o text, a text, r boolean)
      order by 1, 2
      on conflict (tenant_id, hour_start) do update set
        concurrent = usage_merge(m.concurrent, excluded.concurrent),
        outbound = usage_merge(m.outbound, excluded.outbound),
        agentless = usage_merge(m.agentless, excluded.agentless),
        -- A row that was there before is left for the usage job to roll up again.
        rolled = false
      where usage_adds(m.concurrent, excluded.concurrent) or usage_adds(m.outbound, excluded.outbound)
         or usage_adds(m.agentless, excluded.agentless)
      returning 1
    )
    select count(*)::int as written from written`,
  );
  return result?.written ?? 0;
}

/** Writes peaks as the usage job does: a stored peak only ever grows. Answers the rows written. */
async function writePeaks(tx: Executor, bucket: 'hour' | 'day', rows: readonly PeakRow[]): Promise<number> {
  const [result] = await queryRows<{ written: number }>(
    tx,
    sql`
    with written as (
      insert into usage_peaks as p (tenant_id, bucket, start, concurrent, outbound, agentless)
      select x.t, ${bucket}, x.s, x.c, x.o, x.a
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(t text, s timestamptz, c smallint, o smallint, a smallint)
      order by 1, 3
      on conflict (tenant_id, bucket, start) do update set
        concurrent = greatest(p.concurrent, excluded.concurrent),
        outbound = greatest(p.outbound, excluded.outbound),
        agentless = greatest(p.agentless, excluded.agentless)
      where (p.concurrent, p.outbound, p.agentless) is distinct from
            (greatest(p.concurrent, excluded.concurrent), greatest(p.outbound, excluded.outbound), greatest(p.agentless, excluded.agentless))
      returning 1
    )
    select count(*)::int as written from written`,
  );
  return result?.written ?? 0;
}

/**
 * The usage alerts of the newly seeded minutes of the last day (each tenant's minutes from its
 * `start`), an hour at a time, each judged at the end of its hour (the last at `now`): what the
 * feed's ingestion would have notified. The samples are worked out again here rather than kept
 * from the seeding, which holds enough in memory already.
 */
async function replayAlerts(tx: Executor, starts: ReadonlyMap<DemoUsageProfile, number>, driveStart: number, nowMinute: number, now: Date): Promise<void> {
  // Loaded here: it is server code (notifications, the outbox), and the seed runs in scripts too.
  const { evaluateUsageAlerts } = await import('../lib/usage/usage-alerts');
  const currentHour = Math.floor(nowMinute / HOUR_MS) * HOUR_MS;
  for (let hoursAgo = ALERT_REPLAY_MS / HOUR_MS - 1; hoursAgo >= 0; hoursAgo--) {
    // The samples whose minute ends in (end − 1 hour, end], of the minutes the seed stored.
    const end = nowMinute - hoursAgo * HOUR_MS;
    const samples: UsageSample[] = [];
    for (const [profile, start] of starts) {
      const from = Math.max(start, end - HOUR_MS, currentHour - tiersOf(profile).minuteMs);
      for (let hourStart = Math.floor(from / HOUR_MS) * HOUR_MS; hourStart < end; hourStart += HOUR_MS) {
        const hour = demoHour(profile, hourStart, driveStart);
        for (let minute = 0; minute < 60; minute++) {
          const minuteStart = hourStart + minute * MINUTE_MS;
          if (minuteStart < from || minuteStart >= end) continue;
          samples.push({
            tenantId: profile.tenantId,
            at: new Date(minuteStart + MINUTE_MS),
            concurrent: hour.concurrent[minute]!,
            outbound: hour.outbound?.[minute] ?? null,
            agentless: hour.agentless?.[minute] ?? null,
          });
        }
      }
    }
    if (samples.length > 0) await evaluateUsageAlerts(tx, samples, end === nowMinute ? now : new Date(end));
  }
}
