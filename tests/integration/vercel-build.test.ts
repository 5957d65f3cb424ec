import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, DEMO_USERS } from '@/db/demo-data';
import { planDeployment, prepareDeploymentDatabase } from '@/db/deploy';
import { POSTGRES_URL } from '../support/test-db';

/** Fresh, empty databases on the test server, dropped afterwards. */
function scratchDatabases() {
  const names: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async create(): Promise<string> {
      const name = `sspm_deploy_${randomBytes(5).toString('hex')}`;
      await admin((client) => client.query(`create database ${name}`));
      names.push(name);
      const url = new URL(POSTGRES_URL!);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async query(url: string, text: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    dropAll: () => admin(async (client) => {
      for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
    }),
  };
}

describe.skipIf(!POSTGRES_URL)('the database half of npm run vercel-build (issue 10)', () => {
  const databases = scratchDatabases();
  afterAll(async () => {
    await databases.dropAll();
  });

  it('migrates a preview’s fresh database and seeds the demo data', async () => {
    const url = await databases.create();
    const plan = planDeployment({ VERCEL_ENV: 'preview', SSPM_DEMO: 'true', POSTGRES_URL_NON_POOLING: url });
    if (!plan.ok) throw new Error(plan.errors.join('; '));
    await prepareDeploymentDatabase(plan);
    expect(await databases.query(url, 'select id from tenants order by id collate "C"')).toEqual(
      DEMO_TENANTS.map((tenant) => tenant.id).sort().map((id) => ({ id })),
    );
    // A second build of the same preview (a new commit) changes nothing and fails nothing.
    await prepareDeploymentDatabase(plan);
    expect(await databases.query(url, 'select count(*)::int as n from users')).toEqual([{ n: DEMO_USERS.length }]);
  });

  it('migrates production without seeding anything', async () => {
    const url = await databases.create();
    const plan = planDeployment({ VERCEL_ENV: 'production', NODE_ENV: 'production', POSTGRES_URL_NON_POOLING: url });
    if (!plan.ok) throw new Error(plan.errors.join('; '));
    await prepareDeploymentDatabase(plan);
    expect(await databases.query(url, 'select count(*)::int as n from tenants')).toEqual([{ n: 0 }]);
    expect((await databases.query(url, 'select count(*)::int as n from drizzle.__drizzle_migrations'))[0]!.n).toBeGreaterThan(5);
  });

  it('fails the build of a production deployment in demo mode before touching its database', async () => {
    const url = await databases.create();
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['db/vercel-build.ts'], {
      env: { ...process.env, VERCEL_ENV: 'production', NODE_ENV: 'production', SSPM_DEMO: 'true', POSTGRES_URL_NON_POOLING: url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SSPM_DEMO is on for a production deployment');
    expect(await databases.query(url, "select count(*)::int as n from pg_namespace where nspname = 'drizzle'")).toEqual([{ n: 0 }]);
  });
});
