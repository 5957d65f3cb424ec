import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema';

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

/** SPEC §6: DATABASE_URL (pg), else POSTGRES_URL (Vercel), else the embedded PGlite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'pg', url: env.DATABASE_URL };
  if (env.POSTGRES_URL) return { kind: 'vercel', url: env.POSTGRES_URL };
  return { kind: 'pglite', dataDir: env.PGLITE_DIR || '.data/pglite' };
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.kind) {
    case 'pglite': {
      const { PGlite } = await import('@electric-sql/pglite');
      const { drizzle } = await import('drizzle-orm/pglite');
      if (!config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
      const client = new PGlite(config.dataDir);
      const db = drizzle({ client, schema }) as unknown as Database;
      return { db, config, close: () => client.close() };
    }
    case 'pg': {
      const { Pool } = await import('pg');
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const pool = new Pool({ connectionString: config.url, max: Number(process.env.PG_POOL_MAX ?? 10) });
      // An idle client the server drops (restart, failover) must not crash the process; the pool replaces it.
      pool.on('error', (error) => console.error('idle PostgreSQL client lost:', error.message));
      const db = drizzle({ client: pool, schema }) as unknown as Database;
      return { db, config, close: () => pool.end() };
    }
    case 'vercel': {
      const { createPool } = await import('@vercel/postgres');
      const { drizzle } = await import('drizzle-orm/vercel-postgres');
      const pool = createPool({ connectionString: config.url });
      const db = drizzle({ client: pool, schema }) as unknown as Database;
      return { db, config, close: () => pool.end() };
    }
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
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
