import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * An empty database of its own on the real PostgreSQL server (SSPM_TEST_POSTGRES_URL), for
 * tests whose app processes migrate and seed it themselves on first use, as a fresh deployment
 * does; `sql` reads and writes it directly, beside the app. Dropped (with force) by `drop`.
 */
/** The real PostgreSQL server of the tests (.ci/run sets it). */
export const POSTGRES_URL = process.env.SSPM_TEST_POSTGRES_URL;

export type ScratchDatabase = {
  name: string;
  url: string;
  /** Same database, another host:port (e.g. a TCP proxy in front of the server). */
  urlVia: (host: string, port: number) => string;
  sql: <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;
  drop: () => Promise<void>;
};

export async function createScratchDatabase(prefix = 'sspm_rel'): Promise<ScratchDatabase> {
  if (!POSTGRES_URL) throw new Error('SSPM_TEST_POSTGRES_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on('error', () => {});
  return {
    name,
    url: url.toString(),
    urlVia: (host, port) => {
      const via = new URL(url);
      via.hostname = host;
      via.port = String(port);
      return via.toString();
    },
    sql: async <Row,>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Row[],
    drop: async () => {
      await pool.end().catch(() => {});
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
