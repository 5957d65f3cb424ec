import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '@/db/client';

export type JobName = 'salesforceSync' | 'revertTemporary' | 'usageRollup' | 'demoUsageSeed';

/**
 * How long a run may hold its job. Runs stop starting new work after 45 s (their budget); a holder
 * that died or hangs past this is taken over by the next run. Everything a job does is safe to
 * run twice at once anyway (outbox rows and requests are leased or locked one by one), so the
 * lease only spares the duplicate work.
 */
export const JOB_LEASE_MS = 5 * 60_000;

/**
 * Runs `work` unless another run of the same job holds it, in which case it answers `{ ran: false }`
 * at once. The hold is a row with an expiry (job_leases), taken and given back in one statement
 * each: no connection or transaction stays open for the run, so with one pooled connection the
 * run's own queries still get it, any pooler in front of PostgreSQL is fine, and PGlite works the
 * same way as a server.
 */
export async function withJobLock<T>(
  db: Database,
  job: JobName,
  work: () => Promise<T>,
  options: { leaseMs?: number } = {},
): Promise<{ ran: true; value: T } | { ran: false }> {
  const holder = randomUUID();
  const leaseMs = options.leaseMs ?? JOB_LEASE_MS;
  const [taken] = await queryRows<{ holder: string }>(
    db,
    sql`
    insert into job_leases as l (job, holder, acquired_at, expires_at)
    values (${job}, ${holder}::uuid, clock_timestamp(), clock_timestamp() + ${leaseMs} * interval '1 millisecond')
    on conflict (job) do update set holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
      where l.expires_at <= clock_timestamp()
    returning holder`,
  );
  if (taken?.holder !== holder) return { ran: false };
  try {
    return { ran: true, value: await work() };
  } finally {
    await db.execute(sql`delete from job_leases where job = ${job} and holder = ${holder}::uuid`).catch((error: unknown) => {
      // Not given back (the database went away): it expires by itself.
      console.error(`job ${job}: could not release its lease:`, error instanceof Error ? error.message : error);
    });
  }
}
