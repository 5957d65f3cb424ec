import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { checkAppRole, grantAppRole } from './grants';
import { withMigrationLock } from './migration-lock';
import { sqlState } from '../lib/data/pg-errors';
import * as schema from './schema';
import { type DemoSeedOptions, seedDemoData } from './seed';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pg'; url: string }
  | { kind: 'vercel'; url: string };

export type DatabaseHandle = { db: Database; config: DatabaseConfig; close: () => Promise<void> };

export const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/**
 * The rows of a raw statement. Every driver's result (pg, PGlite, Vercel's) carries them as `rows`;
 * drizzle types `execute` per driver, so this is the one place that says so.
 */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** SPEC §6: DATABASE_URL (pg), else POSTGRES_URL (Vercel), else the embedded PGlite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'pg', url: env.DATABASE_URL };
  if (env.POSTGRES_URL) return { kind: 'vercel', url: env.POSTGRES_URL };
  return { kind: 'pglite', dataDir: env.PGLITE_DIR || '.data/pglite' };
}

/** A positive whole number of the environment, or the default; a bad value stops start-up. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return value;
}

/**
 * How long anything may wait on the database, so that no request hangs while a server is down,
 * frozen or overloaded (it answers 503 instead):
 * - PG_POOL_WAIT_MS: for a pooled connection, or to open a new one;
 * - PG_STATEMENT_TIMEOUT_MS: a statement, on the server (also frees its locks);
 * - PG_QUERY_TIMEOUT_MS: a query's answer, in the client: the one bound that holds when the network
 *   path is frozen and the server never hears the statement timeout;
 * - idle in a transaction for 30 s: PostgreSQL ends such a session, releasing what a stuck holder
 *   locked, without anyone restarting anything.
 *
 * On Vercel (`POSTGRES_URL`, Neon's pooled URL) each function instance keeps a few connections that
 * close when idle, since instances come and go by the hundred and the pooler in front of PostgreSQL
 * shares the server's connections among them; the server-side limits are set on the app's role
 * there (README, Database roles), as a transaction-mode pooler refuses them as startup parameters.
 */
export function poolSettingsFromEnv(kind: 'pg' | 'vercel', env: NodeJS.ProcessEnv = process.env, url = '') {
  const client = {
    connectionTimeoutMillis: positiveInteger(env, 'PG_POOL_WAIT_MS', 5_000),
    query_timeout: positiveInteger(env, 'PG_QUERY_TIMEOUT_MS', 15_000),
    keepAlive: true,
  };
  if (kind === 'vercel') return { ...client, max: positiveInteger(env, 'PG_POOL_MAX', 5), idleTimeoutMillis: 5_000 };
  // Neon's pooled host (…-pooler.…) is a transaction-mode PgBouncer: no startup parameters there either.
  if (/-pooler\./.test(url)) return { ...client, max: positiveInteger(env, 'PG_POOL_MAX', 10) };
  return {
    ...client,
    max: positiveInteger(env, 'PG_POOL_MAX', 10),
    statement_timeout: positiveInteger(env, 'PG_STATEMENT_TIMEOUT_MS', 10_000),
    idle_in_transaction_session_timeout: 30_000,
  };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.kind) {
    case 'pglite': {
      const { PGlite } = await import('@electric-sql/pglite');
      const { drizzle } = await import('drizzle-orm/pglite');
      if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
      // PostgreSQL's default 128 MB of shared buffers is most of the embedded server's memory; the demo
      // and development data fit in far less.
      const client = new PGlite(config.dataDir, { postgresqlconf: ['shared_buffers=16MB'] });
      const db = drizzle({ client, schema }) as unknown as Database;
      return { db, config, close: () => client.close() };
    }
    case 'pg': {
      const { Pool } = await import('pg');
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const pool = new Pool({ connectionString: config.url, ...poolSettingsFromEnv('pg', process.env, config.url) });
      // An idle client the server drops (restart, failover) must not crash the process; the pool replaces it.
      pool.on('error', (error) => console.error('idle PostgreSQL client lost:', error.message));
      const db = drizzle({ client: pool, schema }) as unknown as Database;
      return { db, config, close: () => pool.end() };
    }
    case 'vercel': {
      const { createPool } = await import('@vercel/postgres');
      const { drizzle } = await import('drizzle-orm/vercel-postgres');
      const pool = createPool({ connectionString: config.url, ...poolSettingsFromEnv('vercel') });
      const db = drizzle({ client: pool, schema }) as unknown as Database;
      return { db, config, close: () => pool.end() };
    }
  }
}

export type MigrateOptions = {
  /** SSPM_APP_DB_ROLE: after migrating, grant this role what the app needs (db/grants.ts). A server only. */
  appRole?: string;
};

/** `npm run db:migrate`: the committed migrations, one process at a time, then the app role's grants. */
export async function migrateDatabase(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<void> {
  const { appRole } = options;
  if (appRole !== undefined && handle.config.kind === 'pglite') {
    throw new Error('SSPM_APP_DB_ROLE is for a PostgreSQL server (DATABASE_URL or POSTGRES_URL); the embedded database has no roles to separate');
  }
  // Before migrating: a mistyped or missing role should stop the run before it changes anything.
  if (appRole !== undefined) await checkAppRole(handle.db, appRole);
  await withMigrationLock(handle, async () => {
    await applyMigrations(handle);
    if (appRole !== undefined) await grantAppRole(handle.db, appRole);
  });
}

/**
 * On first use (the embedded database, or any database in demo mode): migrate only when a committed
 * migration is missing, then seed when asked (`true`: the demo's tenants and users; options: also
 * its usage and the usage feed's token), all under the migration lock so that instances
 * starting together on a fresh database take turns. The check only reads, so a least-privilege app
 * role passes it on a database its owner migrated; with a migration pending it cannot apply it, and
 * says so instead of failing on the first CREATE.
 */
export async function migrateOnFirstUse(handle: DatabaseHandle, options: { seed: boolean | DemoSeedOptions }): Promise<void> {
  await withMigrationLock(handle, async () => {
    const pending = await listPendingMigrations(handle.db).catch((error: unknown) => {
      if (sqlState(error) !== INSUFFICIENT_PRIVILEGE) throw error;
      throw new Error(
        'The role the app connects as may not read the migrations journal (drizzle.__drizzle_migrations): run `npm run db:migrate` as the database owner with SSPM_APP_DB_ROLE set to that role (README, "Database roles")',
        { cause: error },
      );
    });
    if (pending.length > 0) {
      try {
        await applyMigrations(handle);
      } catch (error) {
        if (sqlState(error) !== INSUFFICIENT_PRIVILEGE) throw error;
        throw new Error(
          `The database is missing migration ${pending.join(', ')}, and the role the app connects as may not apply it: run \`npm run db:migrate\` as the database owner first (README, "Database roles")`,
          { cause: error },
        );
      }
    }
    if (options.seed) await seedDemoData(handle.db, options.seed === true ? {} : options.seed);
  });
}

/**
 * The tags of the committed migrations (meta/_journal.json) that drizzle's migrator would apply,
 * decided by its own rule (pg-core/dialect.js `migrate`): every migration whose journal `when` is
 * later than the newest `created_at` in drizzle.__drizzle_migrations (all of them when the table is
 * missing). Hashes play no part there, so none here. Only reads: the catalogue, then the journal table.
 */
export async function listPendingMigrations(db: Database): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const table = await queryRows(
    db,
    sql`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = ${MIGRATIONS_SCHEMA} and c.relname = ${MIGRATIONS_TABLE}`,
  );
  let newest: number | undefined;
  if (table.length > 0) {
    const [last] = await queryRows<{ created_at: string | number | null }>(
      db,
      sql`select created_at from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)} order by created_at desc limit 1`,
    );
    if (last) newest = Number(last.created_at);
  }
  return journal.entries.filter((entry) => newest === undefined || newest < entry.when).map((entry) => entry.tag);
}

const MIGRATIONS_SCHEMA = 'drizzle';
const MIGRATIONS_TABLE = '__drizzle_migrations';
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Drizzle's pg migrator (pg-core/dialect.js `migrate`) applies every pending migration, with its
 * journal row, inside one transaction: a migration that fails leaves the database as it was.
 * Callers hold the migration lock: the journal is read before that transaction starts.
 */
async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  const migrationsFolder = MIGRATIONS_DIR;
  switch (handle.config.kind) {
    case 'pglite': {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(handle.db as never, { migrationsFolder });
      return;
    }
    case 'pg': {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(handle.db as never, { migrationsFolder });
      return;
    }
    case 'vercel': {
      const { migrate } = await import('drizzle-orm/vercel-postgres/migrator');
      await migrate(handle.db as never, { migrationsFolder });
      return;
    }
  }
}

