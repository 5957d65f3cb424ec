import 'server-only';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import type { TenantScope } from '@/lib/auth/scope';
import { PORT_TYPES, type PortType, perPortType } from '@/lib/domain/ports';
import { MINUTE_RETENTION_DAYS, PEAK_RETENTION_DAYS, type Peaks, type UsageBucket, type UsageSample, sampleSlot } from '@/lib/domain/usage';
import { usageMinutes, usagePeaks } from '@/db/schema';
import { inScope } from './scope-filter';

/**
 * Usage storage (issue 13). Samples land in usage_minutes (a row per tenant and hour, a slot per
 * minute, first sample of a slot wins); the usage job rolls them up into usage_peaks (hour and
 * day). Every read takes the peaks rolled up so far and the rows not rolled up yet together: a
 * peak is a maximum, so a row counted from both sources counts once, and a read never waits for
 * the job.
 */

const EMPTY_SLOTS = sql.raw(`array_fill(null::smallint, array[60])`);

/** The peak of a row's minute slots, per port type: null when no slot is filled. */
const slotPeak = (column: string) => sql.raw(`(select max(v) from unnest(${column}) v)::int`);

/**
 * Stores samples, idempotently: a slot already filled keeps its value, so a resend (or an
 * overlapping batch) changes nothing and writes nothing. Within a batch the first sample of a slot
 * wins too. Answers how many samples filled a slot that was empty.
 */
export async function storeSamples(tx: Executor, samples: readonly UsageSample[]): Promise<number> {
  if (samples.length === 0) return 0;
  const seen = new Set<string>();
  const rows: Record<string, string | number | null>[] = [];
  for (const sample of samples) {
    const { hourStart, minute } = sampleSlot(sample.at);
    const key = `${sample.tenantId}\u0000${hourStart.getTime()}\u0000${minute}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // PostgreSQL arrays are 1-based.
    rows.push({ t: sample.tenantId, h: hourStart.toISOString(), s: minute + 1, ...perPortType((type) => sample[type] ?? null) });
  }
  // One statement: the batch as one JSON parameter (about 800 KB for 10,000 samples), grouped into
  // one 60-slot row per tenant and hour, merged into what is stored.
  const [result] = await queryRows<{ filled: number }>(
    tx,
    sql`
    with input as (
      select x.t as tenant_id, x.h as hour_start, x.s as slot, x.concurrent, x.outbound, x.agentless
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(t text, h timestamptz, s int, concurrent int, outbound int, agentless int)
    ),
    grouped as (
      select tenant_id, hour_start,
             usage_fill(${EMPTY_SLOTS}, array_agg(slot), array_agg(concurrent)) as concurrent,
             usage_fill(${EMPTY_SLOTS}, array_agg(slot), array_agg(outbound)) as outbound,
             usage_fill(${EMPTY_SLOTS}, array_agg(slot), array_agg(agentless)) as agentless
        from input group by tenant_id, hour_start
    ),
    before as (
      select m.tenant_id, m.hour_start,
             usage_filled(m.concurrent) + usage_filled(m.outbound) + usage_filled(m.agentless) as filled
        from usage_minutes m join grouped g using (tenant_id, hour_start)
    ),
    stored as (
      insert into usage_minutes as m (tenant_id, hour_start, concurrent, outbound, agentless, rolled)
      select tenant_id, hour_start, concurrent, outbound, agentless, false from grouped
      order by tenant_id, hour_start
      on conflict (tenant_id, hour_start) do update set
        concurrent = usage_merge(m.concurrent, excluded.concurrent),
        outbound = usage_merge(m.outbound, excluded.outbound),
        agentless = usage_merge(m.agentless, excluded.agentless),
        rolled = false
      where usage_adds(m.concurrent, excluded.concurrent) or usage_adds(m.outbound, excluded.outbound)
         or usage_adds(m.agentless, excluded.agentless)
      returning tenant_id, hour_start, usage_filled(concurrent) + usage_filled(outbound) + usage_filled(agentless) as filled
    )
    select coalesce(sum(s.filled - coalesce(b.filled, 0)), 0)::int as filled
      from stored s left join before b using (tenant_id, hour_start)`,
  );
  return result?.filled ?? 0;
}

/** The tenants among `ids` that exist, for the ingestion's "unknown tenants" answer. */
export async function listExistingTenantIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(db, sql`select id from tenants where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  return new Set(rows.map((row) => row.id));
}

export type SeriesPoint = { start: Date } & Peaks;

type PeakRow = { start: Date | string; concurrent: number | null; outbound: number | null; agentless: number | null };
const toPoint = (row: PeakRow): SeriesPoint => ({
  start: new Date(row.start),
  ...perPortType((type) => (row[type] === null ? null : Number(row[type]))),
});

/** A tenant's peaks per bucket over [from, to), oldest first; buckets without samples are absent. */
export async function readSeries(db: Executor, tenantId: string, range: { from: Date; to: Date }, bucket: UsageBucket): Promise<SeriesPoint[]> {
  const { from, to } = range;
  if (bucket === 'minute') {
    const rows = await queryRows<PeakRow>(
      db,
      sql`
      select m.hour_start + (s.i - 1) * interval '1 minute' as start, s.concurrent, s.outbound, s.agentless
        from usage_minutes m,
             unnest(m.concurrent, m.outbound, m.agentless) with ordinality as s(concurrent, outbound, agentless, i)
       where m.tenant_id = ${tenantId}
         and m.hour_start >= date_trunc('hour', ${from.toISOString()}::timestamptz) and m.hour_start < ${to.toISOString()}::timestamptz
         and (s.concurrent is not null or s.outbound is not null or s.agentless is not null)
         and m.hour_start + (s.i - 1) * interval '1 minute' >= ${from.toISOString()}::timestamptz
         and m.hour_start + (s.i - 1) * interval '1 minute' < ${to.toISOString()}::timestamptz
       order by 1`,
    );
    return rows.map(toPoint);
  }
  const unrolledStart = bucket === 'hour' ? sql`m.hour_start` : sql`date_trunc('day', m.hour_start, 'UTC')`;
  const rows = await queryRows<PeakRow>(
    db,
    sql`
    select start, max(concurrent) as concurrent, max(outbound) as outbound, max(agentless) as agentless
      from (
        select p.start, p.concurrent::int, p.outbound::int, p.agentless::int
          from usage_peaks p
         where p.tenant_id = ${tenantId} and p.bucket = ${bucket}
           and p.start >= ${from.toISOString()}::timestamptz and p.start < ${to.toISOString()}::timestamptz
        union all
        select ${unrolledStart}, ${slotPeak('m.concurrent')}, ${slotPeak('m.outbound')}, ${slotPeak('m.agentless')}
          from usage_minutes m
         where m.tenant_id = ${tenantId} and not m.rolled
           and m.hour_start >= ${from.toISOString()}::timestamptz and m.hour_start < ${to.toISOString()}::timestamptz
      ) s
     group by start
     order by start`,
  );
  return rows.map(toPoint).filter((point) => PORT_TYPES.some((type) => point[type] !== null));
}

/**
 * The peak of each tenant since `since` (the start of a UTC day), per port type, in one query: the
 * daily peaks rolled up so far and the hours not rolled up yet. `tenantIds` narrows it to a page of
 * tenants; otherwise every tenant in the scope.
 */
export async function readPeaksSince(
  db: Executor,
  scope: TenantScope,
  since: Date,
  tenantIds?: readonly string[],
): Promise<Map<string, Peaks>> {
  const among = (column: AnyColumn): SQL =>
    sql`${tenantIds ? sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb))` : sql`true`} and ${inScope(scope, column)}`;
  const rows = await queryRows<Omit<PeakRow, 'start'> & { tenant_id: string }>(
    db,
    sql`
    select tenant_id, max(concurrent) as concurrent, max(outbound) as outbound, max(agentless) as agentless
      from (
        select ${usagePeaks.tenantId} as tenant_id, ${usagePeaks.concurrent}::int as concurrent,
               ${usagePeaks.outbound}::int as outbound, ${usagePeaks.agentless}::int as agentless
          from ${usagePeaks}
         where ${usagePeaks.bucket} = 'day' and ${usagePeaks.start} >= ${since.toISOString()}::timestamptz
           and ${among(usagePeaks.tenantId)}
        union all
        select ${usageMinutes.tenantId}, ${slotPeak('usage_minutes.concurrent')}, ${slotPeak('usage_minutes.outbound')},
               ${slotPeak('usage_minutes.agentless')}
          from ${usageMinutes}
         where not ${usageMinutes.rolled} and ${usageMinutes.hourStart} >= ${since.toISOString()}::timestamptz
           and ${among(usageMinutes.tenantId)}
      ) s
     group by tenant_id`,
  );
  return new Map(rows.map((row) => [row.tenant_id, perPortType((type: PortType) => (row[type] === null ? null : Number(row[type])))]));
}

/**
 * Rolls up to `limit` rows of usage_minutes that changed since their last rollup: their hour's
 * peaks (recomputed from the whole row, so exact) and their day's (the greater of what is stored
 * and the hour's: slots only ever fill, so peaks only grow). Rows are claimed with SKIP LOCKED, so
 * two runs at once share the work instead of doing it twice. Answers how many rows it rolled up.
 */
export async function rollUpUsage(tx: Executor, limit: number): Promise<number> {
  const [result] = await queryRows<{ rolled: number }>(
    tx,
    sql`
    with claimed as (
      select tenant_id, hour_start from usage_minutes
       where not rolled
       order by tenant_id, hour_start
       limit ${limit}
       for update skip locked
    ),
    marked as (
      update usage_minutes m set rolled = true
        from claimed c
       where m.tenant_id = c.tenant_id and m.hour_start = c.hour_start
      returning m.tenant_id, m.hour_start, ${slotPeak('m.concurrent')} as concurrent, ${slotPeak('m.outbound')} as outbound, ${slotPeak('m.agentless')} as agentless
    ),
    hours as (
      insert into usage_peaks as p (tenant_id, bucket, start, concurrent, outbound, agentless)
      select tenant_id, 'hour', hour_start, concurrent, outbound, agentless from marked
      order by tenant_id, hour_start
      on conflict (tenant_id, bucket, start) do update set
        concurrent = excluded.concurrent, outbound = excluded.outbound, agentless = excluded.agentless
    ),
    days as (
      insert into usage_peaks as p (tenant_id, bucket, start, concurrent, outbound, agentless)
      select tenant_id, 'day', date_trunc('day', hour_start, 'UTC'), max(concurrent), max(outbound), max(agentless)
        from marked group by tenant_id, date_trunc('day', hour_start, 'UTC')
      order by 1, 3
      on conflict (tenant_id, bucket, start) do update set
        concurrent = greatest(p.concurrent, excluded.concurrent),
        outbound = greatest(p.outbound, excluded.outbound),
        agentless = greatest(p.agentless, excluded.agentless)
    )
    select count(*)::int as rolled from marked`,
  );
  return result?.rolled ?? 0;
}

/**
 * Deletes what is past its retention, at most `limit` rows per table per call: minute rows after 35
 * days (once rolled up), peaks after two years. Answers how many rows went.
 */
export async function deleteExpiredUsage(tx: Executor, now: Date, limit: number): Promise<number> {
  const minuteCutoff = new Date(now.getTime() - MINUTE_RETENTION_DAYS * 86_400_000).toISOString();
  const peakCutoff = new Date(now.getTime() - PEAK_RETENTION_DAYS * 86_400_000).toISOString();
  const [result] = await queryRows<{ deleted: number }>(
    tx,
    sql`
    with minutes as (
      delete from usage_minutes m using (
        select tenant_id, hour_start from usage_minutes
         where hour_start < ${minuteCutoff}::timestamptz and rolled
         limit ${limit} for update skip locked
      ) old
      where m.tenant_id = old.tenant_id and m.hour_start = old.hour_start
      returning 1
    ),
    peaks as (
      delete from usage_peaks p using (
        select tenant_id, bucket, start from usage_peaks
         where start < ${peakCutoff}::timestamptz
         limit ${limit} for update skip locked
      ) old
      where p.tenant_id = old.tenant_id and p.bucket = old.bucket and p.start = old.start
      returning 1
    )
    select (select count(*) from minutes)::int + (select count(*) from peaks)::int as deleted`,
  );
  return result?.deleted ?? 0;
}
