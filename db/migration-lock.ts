import type { DatabaseHandle } from './client';

/** The advisory lock key of schema changes; no other advisory lock in SSPM uses it. */
export const MIGRATION_LOCK_KEY = 7_041_562_000;

/**
 * Runs `work` (migrate, grant, seed) while no other process does, waiting for its turn: N instances
 * starting together on a fresh database would otherwise all create the same tables and all but one fail.
 *
 * The lock lives on a dedicated `pg.Client`, never on a pooled connection that could return to
 * the pool still holding it. It is transaction-scoped, in a transaction left open for the run
 * (ended in `finally`, or by the server when the process dies): a session lock
 * would be lost behind a transaction-mode pooler (Neon's `-pooler` URL), whose next statement may run
 * on another server connection. The work itself runs on the handle's own connections.
 * PGlite is one connection in one process: there is nobody to wait for.
 */
export async function withMigrationLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (handle.config.kind === 'pglite') return work();
  const { Client } = await import('pg');
  const client = new Client({ connectionString: handle.config.url });
  // Losing the lock's connection mid-run must not crash the process; the run goes on without it.
  client.on('error', (error) => console.error('migration lock connection lost:', error.message));
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end().catch(() => {});
  }
}
