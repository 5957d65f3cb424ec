import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

/** Advisory lock keys of the scheduled jobs: fixed numbers no other lock in SSPM uses. */
export const JOB_LOCKS = {
  salesforceSync: 7_041_562_001,
  revertTemporary: 7_041_562_002,
} as const;
export type JobName = keyof typeof JOB_LOCKS;

/** PGlite is one process's private connection, so an in-process guard is the whole truth there. */
const runningOnPglite = new WeakMap<object, Set<JobName>>();

/**
 * Runs `work` unless another run of the same job holds the lock, in which case it answers `{ ran: false }` at once.
 *
 * On PostgreSQL the lock is transaction-scoped and held by a transaction that stays open for the
 * run: it ends with that transaction whatever happens (a crashed instance drops its connection),
 * and unlike a session lock it cannot be released on another pooled connection than the one that
 * took it, nor be lost behind a transaction-mode pooler. The run itself uses other connections.
 * PGlite serialises everything on its single connection, so holding a transaction there would
 * block the run's own queries; it gets the in-process guard instead.
 */
export async function withJobLock<T>(
  db: Database,
  job: JobName,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (isPglite(db)) {
    const running = runningOnPglite.get(db) ?? new Set<JobName>();
    runningOnPglite.set(db, running);
    if (running.has(job)) return { ran: false };
    running.add(job);
    try {
      return { ran: true, value: await work() };
    } finally {
      running.delete(job);
    }
  }
  return db.transaction(async (tx) => {
    const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(${JOB_LOCKS[job]}::bigint) as locked`)) as unknown as {
      rows: { locked: boolean }[];
    };
    if (!result.rows[0]?.locked) return { ran: false as const };
    return { ran: true as const, value: await work() };
  });
}

function isPglite(db: Database): boolean {
  const client = (db as unknown as { $client?: object }).$client;
  return Boolean(client && 'waitReady' in client);
}
