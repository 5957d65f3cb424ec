import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, MIGRATIONS_DIR, migrateDatabase, openDatabase } from '@/db/client';
import { sql } from 'drizzle-orm';
import { seedDemoData } from '@/db/seed';

export type Backend = 'pglite' | 'postgres';

/** The real PostgreSQL server the suite also runs against when SSPM_TEST_POSTGRES_URL is set (.ci/run sets it). */
export const POSTGRES_URL = process.env.SSPM_TEST_POSTGRES_URL;

/** PGlite always; the real server too when it is configured. The same suite runs on each. */
export const BACKENDS: Backend[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = DatabaseHandle & { url?: string; dispose: () => Promise<void> };

/** A fresh, migrated and seeded database: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(backend: Backend, options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const { handle, url, drop } = backend === 'pglite' ? await openPglite() : await openFreshPostgres();
  await migrateDatabase(handle);
  if (options.seed ?? true) await seedDemoData(handle.db);
  return {
    ...handle,
    url,
    dispose: async () => {
      await handle.close();
      await drop();
    },
  };
}

async function openPglite() {
  return { handle: await openDatabase({ kind: 'pglite', dataDir: 'memory://' }), url: undefined, drop: async () => {} };
}

async function openFreshPostgres() {
  if (!POSTGRES_URL) throw new Error('SSPM_TEST_POSTGRES_URL is not set');
  const name = `sspm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'pg', url: url.toString() });
  const drop = async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  return { handle, url: url.toString(), drop };
}

// The migrations that insert default settings and role mappings (0013: the usage feed's group).
const DEFAULTS_MIGRATIONS = ['0002_defaults.sql', '0013_usage.sql'].map((file) => readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'));
const DEFAULT_ROWS = /^\s*(--.*\n\s*)*INSERT INTO (settings|role_mappings)\b/i;

const DATA_TABLES = ['usage_alerts', 'usage_peaks', 'usage_minutes', 'job_leases', 'sessions', 'auth_failures', 'notifications', 'role_mappings', 'api_tokens', 'case_operations', 'audit_events', 'change_requests', 'local_cases', 'users', 'tenants'];

/**
 * Back to the freshly seeded state between tests, far faster than a new database (PGlite takes
 * seconds to start). Replica mode lets the reset pass the audit log's append-only trigger.
 */
export async function resetTestDatabase(database: TestDatabase): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${DATA_TABLES.join(', ')} restart identity cascade`));
    await tx.execute(sql`delete from settings`);
    // The defaults migration is the one source of the default settings and role mapping.
    for (const migration of DEFAULTS_MIGRATIONS) {
      for (const statement of migration.split('--> statement-breakpoint')) {
        if (DEFAULT_ROWS.test(statement)) await tx.execute(sql.raw(statement));
      }
    }
    await tx.execute(sql`alter sequence local_case_number_seq restart with 1000`);
  });
  await seedDemoData(database.db);
}
