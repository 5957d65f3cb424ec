import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import type { TenantScope } from '@/lib/auth/scope';
import { PORT_TYPES, type PortType, perPortType } from '@/lib/domain/ports';
import { MINUTE_RETENTION_DAYS, PEAK_RETENTION_DAYS, type Peaks, type UsageBucket, type UsageSample, bucketStart, sampleSlot } from '@/lib/domain/usage';
import { tenants } from '@/db/schema';
import { inScope } from './scope-filter';

/**
 * Usage storage (issue 13). Samples land in usage_minutes (a row per tenant and hour, a slot per
 * minute, first sample of a slot wins); the usage job rolls them up into usage_peaks (hour and
 * day). Every read takes the peaks rolled up so far and the rows not rolled up yet together: a
 * peak is a maximum, so a row counted from both sources counts once, and a read never waits for
 * the job.
 */

/**
 * The peak of a row's minute slots, per port type: null when no slot is filled. unnest in a select
 * list streams the slots; in a FROM clause it first copies them into a tuplestore, which made this
 * expression cost half again as much (the dashboard computes it for every row not rolled up yet).
 */
const slotPeak = (column: string) => sql.raw(`(select max(x) from (select unnest(${column}) x) s)::int`);

/** What a batch changed: `samples` that filled at least one empty slot, and the `slots` they filled. */
export type StoredCounts = { samples: number; slots: number };

const SLOTS = 60;

type Group = { tenantId: string; hourStart: Date; slots: Map<number, UsageSample> };

/**
 * A sparse array literal of one port type's values in a group's slots (1-based), `[5:7]={12,NULL,9}`,
 * or null when no sample of the group carries that type: a new hour's sample is a few bytes on the
 * wire, not sixty slots.
 */
function slotLiteral(slots: ReadonlyMap<number, UsageSample>, type: PortType): string | null {
  const filled = [...slots].filter(([, sample]) => sample[type] !== null && sample[type] !== undefined).map(([slot]) => slot);
  if (filled.length === 0) return null;
  const first = Math.min(...filled);
  const last = Math.max(...filled);
  const values: string[] = [];
  for (let slot = first; slot <= last; slot++) {
    const value = slots.get(slot)?.[type];
    values.push(value === null || value === undefined ? 'NULL' : String(Math.trunc(value)));
  }
  return `[${first}:${last}]={${values.join(',')}}`;
}

// The 60-slot array of each port type from a sparse literal (a slot outside its bounds reads null).
const WHOLE_ROW = sql.raw(
  PORT_TYPES.map((type) => `array[${Array.from({ length: SLOTS }, (_, index) => `x.${type}[${index + 1}]`).join(', ')}]::smallint[]`).join(', '),
);

/**
 * Stores samples, idempotently: a slot already filled keeps its value, so a resend (or an
 * overlapping batch) changes nothing and writes nothing. Within a batch the first sample of a slot
 * wins too. A sample fills up to three slots (one per port type it carries); it counts as stored
 * when it filled any, else it was a duplicate.
 *
 * Two paths, each a few statements whatever the batch's size:
 * - an hour not stored yet is inserted whole, its sixty slots built from the batch's sparse arrays;
 * - into an hour already stored, each sample is written by subscript (`concurrent[5] = …`), one
 *   statement per "round" (the k-th sample of every hour in the batch). The pipeline's batch, a
 *   sample per tenant for the minute just ended, is one round: 10,000 rows each changed in three
 *   slots, instead of 10,000 rows of 180 slots recomputed. (SQL functions over the arrays, or sixty
 *   terms per slot array, cost seconds for such a batch.)
 * A concurrent batch that inserts the same hour first just sends this one's samples of that hour
 * down the second path; counts are against the rows as each statement found them.
 */
export async function storeSamples(tx: Executor, samples: readonly UsageSample[]): Promise<StoredCounts> {
  if (samples.length === 0) return { samples: 0, slots: 0 };
  // One group per tenant and hour, its samples by slot (1-based, as PostgreSQL arrays are).
  const groups = new Map<string, Group>();
  for (const sample of samples) {
    const { hourStart, minute } = sampleSlot(sample.at);
    const key = `${sample.tenantId}\u0000${hourStart.toISOString()}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tenantId: sample.tenantId, hourStart, slots: new Map() }));
    if (!group.slots.has(minute + 1)) group.slots.set(minute + 1, sample);
  }
  const counts: StoredCounts = { samples: 0, slots: 0 };
  const keyOf = (row: { t: string; h: Date | string }) => `${row.t}\u0000${new Date(row.h).toISOString()}`;

  const keys = [...groups.values()].map((group) => ({ t: group.tenantId, h: group.hourStart.toISOString() }));
  const stored = await queryRows<{ t: string; h: Date | string }>(
    tx,
    sql`select m.tenant_id as t, m.hour_start as h
          from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as x(t text, h timestamptz)
          join usage_minutes m on m.tenant_id = x.t and m.hour_start = x.h`,
  );
  const existing = new Set(stored.map(keyOf));
  const fresh = [...groups.entries()].filter(([key]) => !existing.has(key)).map(([, group]) => group);
  if (fresh.length > 0) {
    const rows = fresh.map(({ tenantId, hourStart, slots }) => ({ t: tenantId, h: hourStart.toISOString(), ...perPortType((type) => slotLiteral(slots, type)) }));
    const inserted = await queryRows<{ t: string; h: Date | string }>(
      tx,
      sql`insert into usage_minutes (tenant_id, hour_start, concurrent, outbound, agentless, rolled)
          select x.t, x.h, ${WHOLE_ROW}, false
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as x(t text, h timestamptz, concurrent smallint[], outbound smallint[], agentless smallint[])
           order by x.t, x.h
          on conflict (tenant_id, hour_start) do nothing
          returning tenant_id as t, hour_start as h`,
    );
    for (const row of inserted) {
      const group = groups.get(keyOf(row))!;
      groups.delete(keyOf(row));
      for (const sample of group.slots.values()) {
        const filled = PORT_TYPES.filter((type) => sample[type] !== null && sample[type] !== undefined).length;
        if (filled > 0) counts.samples += 1;
        counts.slots += filled;
      }
    }
  }

  // The rest go by subscript, round by round: no row is written twice by one statement.
  const queues = [...groups.values()].map((group) => ({ group, entries: [...group.slots.entries()] }));
  const rounds = Math.max(0, ...queues.map((queue) => queue.entries.length));
  for (let round = 0; round < rounds; round++) {
    const rows = queues.flatMap(({ group, entries }) => {
      const entry = entries[round];
      if (!entry) return [];
      const [slot, sample] = entry;
      return [{ t: group.tenantId, h: group.hourStart.toISOString(), s: slot, ...perPortType((type) => sample[type] ?? null) }];
    });
    const [result] = await queryRows<StoredCounts>(
      tx,
      sql`
      with x as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(t text, h timestamptz, s int, concurrent smallint, outbound smallint, agentless smallint)
      ),
      filling as (
        select x.*, ${sql.raw(PORT_TYPES.map((type) => `(m.${type}[x.s] is null and x.${type} is not null)::int`).join(' + '))} as slots
          from x join usage_minutes m on m.tenant_id = x.t and m.hour_start = x.h
      ),
      written as (
        update usage_minutes m
           set ${sql.raw(PORT_TYPES.map((type) => `${type}[f.s] = coalesce(m.${type}[f.s], f.${type})`).join(', '))}, rolled = false
          from filling f
         where m.tenant_id = f.t and m.hour_start = f.h
           and (${sql.raw(PORT_TYPES.map((type) => `(m.${type}[f.s] is null and f.${type} is not null)`).join(' or '))})
        returning f.slots
      )
      select count(*)::int as samples, coalesce(sum(slots), 0)::int as slots from written`,
    );
    counts.samples += result?.samples ?? 0;
    counts.slots += result?.slots ?? 0;
  }
  return counts;
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
 * tenants; otherwise every tenant in the scope. Tenants without a sample since then are absent.
 *
 * The tenants drive the query (a lateral join): each one's days by the primary key of usage_peaks
 * and its unrolled hours by usage_minutes_unrolled_idx, a few index pages each, so the cost follows
 * the page of tenants asked for. Filtering the rows by tenant instead let the planner read every
 * unrolled row of every tenant (tens of thousands between two rollups) to keep a few hundred.
 */
export async function readPeaksSince(
  db: Executor,
  scope: TenantScope,
  since: Date,
  tenantIds?: readonly string[],
): Promise<Map<string, Peaks>> {
  const from = since.toISOString();
  const among = tenantIds ? sql`${tenants.id} in (select jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb))` : sql`true`;
  const rows = await queryRows<Omit<PeakRow, 'start'> & { tenant_id: string }>(
    db,
    sql`
    select ${tenants.id} as tenant_id, max(u.concurrent) as concurrent, max(u.outbound) as outbound, max(u.agentless) as agentless
      from ${tenants}
      cross join lateral (
        select p.concurrent::int as concurrent, p.outbound::int as outbound, p.agentless::int as agentless
          from usage_peaks p
         where p.tenant_id = ${tenants.id} and p.bucket = 'day' and p.start >= ${from}::timestamptz
        union all
        select ${slotPeak('m.concurrent')}, ${slotPeak('m.outbound')}, ${slotPeak('m.agentless')}
          from usage_minutes m
         where m.tenant_id = ${tenants.id} and not m.rolled and m.hour_start >= ${from}::timestamptz
      ) u
     where ${among} and ${inScope(scope, tenants.id)}
     group by ${tenants.id}`,
  );
  return new Map(rows.map((row) => [row.tenant_id, perPortType((type: PortType) => (row[type] === null ? null : Number(row[type])))]));
}

/**
 * The highest concurrent sample of each of these tenants in the minute slots that start at or after
 * `since` (issue 13 §7's "current usage"), in one query: only the one or two hour rows that hold
 * those slots are read (the primary key, tenant and hour). Tenants without such a sample are absent.
 */
export async function readConcurrentPeaksSince(db: Executor, tenantIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (tenantIds.length === 0) return new Map();
  const from = since.toISOString();
  const firstHour = bucketStart(since, 'hour').toISOString();
  const rows = await queryRows<{ tenant_id: string; peak: number }>(
    db,
    sql`
    select m.tenant_id, max(s.v)::int as peak
      from jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb) as wanted(id)
      join usage_minutes m on m.tenant_id = wanted.id and m.hour_start >= ${firstHour}::timestamptz
      cross join lateral unnest(m.concurrent) with ordinality as s(v, i)
     where s.v is not null
       and m.hour_start + (s.i - 1) * interval '1 minute' >= ${from}::timestamptz
     group by m.tenant_id`,
  );
  return new Map(rows.map((row) => [row.tenant_id, Number(row.peak)]));
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
