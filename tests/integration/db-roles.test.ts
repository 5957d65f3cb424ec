import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  MIGRATIONS_DIR,
  listPendingMigrations,
  migrateDatabase,
  migrateOnFirstUse,
  openDatabase,
} from '@/db/client';
import { DEMO_TENANTS } from '@/db/demo-data';
import { grantAppRole } from '@/db/grants';
import { changeRequests, tenants } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { PERCY, createTestContext } from '../support/use-case-context';
import { POSTGRES_URL, type TestDatabase } from '../support/test-db';

const JOURNAL = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

/** A throw-away database and roles on the test server; roles are cluster-wide, so each run names its own. */
class Scratch {
  readonly suffix = randomBytes(5).toString('hex');
  readonly roles: string[] = [];
  readonly databases: string[] = [];
  readonly handles: DatabaseHandle[] = [];

  /** A superuser session, on the test server's own database or on `database`. */
  async admin<T>(work: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
    const client = new pg.Client({ connectionString: database ? this.url(database) : POSTGRES_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  async role(prefix: string): Promise<string> {
    const name = `${prefix}_${this.suffix}`;
    await this.admin((client) => client.query(`create role ${name} login password 'test-only'`));
    this.roles.push(name);
    return name;
  }

  async database(owner?: string): Promise<string> {
    const name = `sspm_roles_${randomBytes(5).toString('hex')}`;
    await this.admin((client) => client.query(`create database ${name}${owner ? ` owner ${owner}` : ''}`));
    this.databases.push(name);
    return name;
  }

  url(database: string, user?: string): string {
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/${database}`;
    if (user) {
      url.username = user;
      url.password = 'test-only';
    }
    return url.toString();
  }

  async open(database: string, user?: string): Promise<DatabaseHandle> {
    const handle = await openDatabase({ kind: 'pg', url: this.url(database, user) });
    this.handles.push(handle);
    return handle;
  }

  /** Every step on its own, so that one failing leaves no role or database behind because of it. */
  async dispose(): Promise<void> {
    for (const handle of this.handles) await handle.close().catch(() => {});
    await this.admin(async (client) => {
      for (const name of this.databases) {
        // pool.end() resolves before its sockets close; forcing the drop at once would log their termination.
        for (let tries = 0; tries < 40; tries += 1) {
          const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`drop database if exists ${name} with (force)`).catch(console.error);
      }
      for (const name of this.roles) {
        await client.query(`drop owned by ${name}`).catch(console.error);
        await client.query(`drop role if exists ${name}`).catch(console.error);
      }
    });
  }
}

async function rows<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The PostgreSQL SQLSTATE of a failed query (drizzle keeps the driver's error as the cause). */
async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!error) throw new Error('expected the statement to be refused');
  const cause = (error as { cause?: { code?: string; message: string } }).cause;
  return cause?.code ? cause : (error as { code?: string; message: string });
}

describe.skipIf(!POSTGRES_URL)('the app role on PostgreSQL (migrated by the owner with SSPM_APP_DB_ROLE)', () => {
  const scratch = new Scratch();
  let ownerRole: string;
  let appRole: string;
  let owner: DatabaseHandle;
  let app: DatabaseHandle;

  beforeAll(async () => {
    ownerRole = await scratch.role('sspm_owner');
    appRole = await scratch.role('sspm_app');
    const database = await scratch.database(ownerRole);
    owner = await scratch.open(database, ownerRole);
    await migrateDatabase(owner, { appRole });
    app = await scratch.open(database, appRole);
  });
  afterAll(async () => {
    await scratch.dispose();
  });

  it('issue 8 item 4: the app role owns no table, sequence or schema and may not create in schema public', async () => {
    const owned = await rows<{ relname: string }>(
      owner,
      sql`select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ${appRole}`,
    );
    expect(owned).toEqual([]);
    const tables = await rows<{ tablename: string; tableowner: string }>(
      owner,
      sql`select tablename, tableowner from pg_tables where schemaname in ('public', 'drizzle')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    expect(new Set(tables.map((table) => table.tableowner))).toEqual(new Set([ownerRole]));
    const [privileges] = await rows<{ create_public: boolean; create_drizzle: boolean }>(
      owner,
      sql`select has_schema_privilege(${appRole}::name, 'public', 'CREATE') as create_public,
                 has_schema_privilege(${appRole}::name, 'drizzle', 'CREATE') as create_drizzle`,
    );
    expect(privileges).toEqual({ create_public: false, create_drizzle: false });
    expect((await failure(app.db.execute(sql`create table intruder (id int)`))).code).toBe('42501');
  });

  it('issue 8 item 4: the app role cannot switch off the audit log triggers', async () => {
    for (const statement of ['alter table audit_events disable trigger all', 'alter table audit_events disable trigger audit_events_append_only']) {
      const refused = await failure(app.db.execute(sql.raw(statement)));
      expect(refused.code).toBe('42501');
      expect(refused.message).toMatch(/must be owner/);
    }
  });

  it('issue 8 item 4: the app role cannot UPDATE, DELETE or TRUNCATE audit_events', async () => {
    await app.db.execute(sql`insert into audit_events (actor, action) values ('test', 'probe')`);
    for (const statement of [
      "update audit_events set actor = 'forger'",
      'delete from audit_events',
      'truncate audit_events',
    ]) {
      const refused = await failure(app.db.execute(sql.raw(statement)));
      expect(refused.code).toBe('42501');
      expect(refused.message).toMatch(/permission denied/);
    }
    const [count] = await rows<{ n: number }>(app, sql`select count(*)::int as n from audit_events where actor = 'test'`);
    expect(count!.n).toBe(1);
  });

  it('issue 8 item 4: an audit event inserted with a back-dated at gets the database clock', async () => {
    const [before] = await rows<{ now: string }>(app, sql`select clock_timestamp()::text as now`);
    const [event] = await rows<{ at: string }>(
      app,
      sql`insert into audit_events (actor, action, at) values ('test', 'backdated', '2001-01-01T00:00:00Z') returning at::text`,
    );
    expect(new Date(event!.at).getTime()).toBeGreaterThanOrEqual(new Date(before!.now).getTime());
  });

  it("issue 8 item 4: the app role does the app's work: seed, submit a request with a local case, update a request, take a case number", async () => {
    await seedDemoData(app.db);
    const ctx = createTestContext({ ...app, dispose: async () => {} } as TestDatabase);
    const percy = await ctx.callerFor(PERCY);
    const view = await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 300 }, reason: 'Season' }));
    const [stored] = await app.db.select().from(changeRequests).where(eq(changeRequests.id, view.id));
    expect(stored!.caseNumber).toBeTruthy();
    await app.db.update(changeRequests).set({ justification: 'Playoffs' }).where(eq(changeRequests.id, view.id));
    const [next] = await rows<{ n: string }>(app, sql`select nextval('local_case_number_seq')::text as n`);
    expect(Number(next!.n)).toBeGreaterThanOrEqual(1000);
  });

  it('issue 8 item 4: migrate-on-first-use, as the app role, reads that the database is migrated and only seeds', async () => {
    expect(await listPendingMigrations(app.db)).toEqual([]);
    await migrateOnFirstUse(app, { seed: true });
    const [count] = await rows<{ n: number }>(app, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(count!.n).toBe(JOURNAL.entries.length);
  });

  it('issue 8 item 4: migrate-on-first-use, as the app role, refuses with a clear message when a migration is pending', async () => {
    const last = JOURNAL.entries.at(-1)!.tag;
    const [row] = await rows<{ id: number; hash: string; created_at: string }>(
      owner,
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning id, hash, created_at`,
    );
    try {
      expect(await listPendingMigrations(app.db)).toEqual([last]);
      await expect(migrateOnFirstUse(app, { seed: true })).rejects.toThrow(
        new RegExp(`missing migration ${last}.*may not apply it: run \`npm run db:migrate\` as the database owner`),
      );
    } finally {
      await owner.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row!.id}, ${row!.hash}, ${row!.created_at})`);
    }
    expect(await listPendingMigrations(app.db)).toEqual([]);
  });

  it('issue 8 item 4: migrate-on-first-use, as an app role never granted the journal, says to run db:migrate with SSPM_APP_DB_ROLE', async () => {
    await owner.db.execute(sql`revoke usage on schema drizzle from ${sql.identifier(appRole)}`);
    try {
      await expect(migrateOnFirstUse(app, { seed: false })).rejects.toThrow(/may not read the migrations journal.*SSPM_APP_DB_ROLE/);
    } finally {
      await grantAppRole(owner.db, appRole);
    }
    await migrateOnFirstUse(app, { seed: false });
  });

  it('issue 8 item 4: the grants follow a table that a later migration adds', async () => {
    await owner.db.execute(sql`create table later_things (id int primary key)`);
    try {
      expect((await failure(app.db.execute(sql`select * from later_things`))).code).toBe('42501');
      await grantAppRole(owner.db, appRole);
      await app.db.execute(sql`insert into later_things values (1)`);
      expect(await rows(app, sql`select id from later_things`)).toEqual([{ id: 1 }]);
    } finally {
      await owner.db.execute(sql`drop table later_things`);
    }
  });

  it('issue 8 item 4: db:migrate refuses a missing role, the owner itself, or a superuser before it changes anything', async () => {
    await expect(migrateDatabase(owner, { appRole: `sspm_nobody_${scratch.suffix}` })).rejects.toThrow(/does not exist.*CREATE ROLE/);
    await expect(migrateDatabase(owner, { appRole: ownerRole })).rejects.toThrow(/role of its own/);
    await expect(migrateDatabase(owner, { appRole: 'postgres' })).rejects.toThrow(/superuser/);
  });

  it('issue 8 item 4: db:migrate refuses an app role that owns tables (an installation migrated by the app itself)', async () => {
    const database = await scratch.database();
    const legacy = await scratch.role('sspm_legacy');
    await scratch.admin(async (client) => {
      await client.query(`grant create on database ${database} to ${legacy}`);
      await client.query(`grant create on schema public to ${legacy}`);
    }, database);
    await migrateDatabase(await scratch.open(database, legacy));
    await expect(migrateDatabase(await scratch.open(database), { appRole: legacy })).rejects.toThrow(/owns, or may act as the owner of, .*public\.audit_events.*REASSIGN OWNED BY/);
  });
});

describe.skipIf(!POSTGRES_URL)('migrations under a lock on PostgreSQL', () => {
  const scratch = new Scratch();
  afterAll(async () => {
    await scratch.dispose();
  });

  async function journal(handle: DatabaseHandle) {
    return rows<{ hash: string; n: number }>(handle, sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`);
  }

  it('reliability item 5: three instances migrating and seeding a fresh database together all come up, each migration applied once', async () => {
    const database = await scratch.database();
    const handles = await Promise.all([1, 2, 3].map(() => scratch.open(database)));
    const results = await Promise.allSettled(handles.map((handle) => migrateOnFirstUse(handle, { seed: true })));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);

    const applied = await journal(handles[0]!);
    expect(applied).toHaveLength(JOURNAL.entries.length);
    expect(applied.every((row) => row.n === 1)).toBe(true);
    expect(await handles[0]!.db.select().from(tenants)).toHaveLength(DEMO_TENANTS.length);
  });

  it('reliability item 5: three db:migrate runs with grants on a fresh database together all succeed, each migration applied once', async () => {
    const appRole = await scratch.role('sspm_app');
    const database = await scratch.database();
    const handles = await Promise.all([1, 2, 3].map(() => scratch.open(database)));
    const results = await Promise.allSettled(handles.map((handle) => migrateDatabase(handle, { appRole })));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);

    const applied = await journal(handles[0]!);
    expect(applied).toHaveLength(JOURNAL.entries.length);
    expect(applied.every((row) => row.n === 1)).toBe(true);
  });
});
