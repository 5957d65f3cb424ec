import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '@/db/client';
import { withJobLock } from '@/lib/jobs/job-lock';
import { runRevertJob } from '@/lib/jobs/revert-job';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';
import { BACKENDS, POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';
import { createTestContext } from '../support/use-case-context';
import { waitFor } from '../support/wait-for';

/** Fails the test instead of hanging it when `promise` does not settle within `ms`. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

describe.each(BACKENDS)('the job lock (reliability item 1) on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('runs one run of a job at a time: a second one at once answers ran: false', async () => {
    let release!: () => void;
    const holding = withJobLock(database.db, 'salesforceSync', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await waitFor(async () => (await database.db.execute(sql`select 1 from job_leases`)) as unknown as { rows: unknown[] }, 'the lease');
    expect(await withJobLock(database.db, 'salesforceSync', async () => 'second')).toEqual({ ran: false });
    // Another job is not held back by this one.
    expect(await withJobLock(database.db, 'revertTemporary', async () => 'other')).toEqual({ ran: true, value: 'other' });
    release();
    expect(await holding).toEqual({ ran: true, value: 'first' });
    expect(await withJobLock(database.db, 'salesforceSync', async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('gives the job back when its run fails', async () => {
    await expect(withJobLock(database.db, 'revertTemporary', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withJobLock(database.db, 'revertTemporary', async () => 'next')).toEqual({ ran: true, value: 'next' });
  });

  it('lets the next run take over a job whose holder died or hangs, once its lease has expired', async () => {
    // A holder that never finishes (as a killed instance never releases).
    void withJobLock(database.db, 'salesforceSync', () => new Promise(() => {}), { leaseMs: 300 });
    await waitFor(async () => (await database.db.execute(sql`select 1 from job_leases`)) as unknown as { rows: unknown[] }, 'the lease');
    expect(await withJobLock(database.db, 'salesforceSync', async () => 'too soon')).toEqual({ ran: false });
    const takeover = await waitFor(
      async () => {
        const outcome = await withJobLock(database.db, 'salesforceSync', async () => 'taken over');
        return outcome.ran ? outcome : null;
      },
      'the expired lease to be taken over',
      { timeoutMs: 5_000 },
    );
    expect(takeover).toEqual({ ran: true, value: 'taken over' });
  });
});

describe.skipIf(!POSTGRES_URL)('the job lock with one pooled connection (reliability item 1)', () => {
  let database: TestDatabase;
  let singleConnection: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const previous = process.env.PG_POOL_MAX;
    process.env.PG_POOL_MAX = '1';
    try {
      singleConnection = await openDatabase({ kind: 'pg', url: database.url! });
    } finally {
      if (previous === undefined) delete process.env.PG_POOL_MAX;
      else process.env.PG_POOL_MAX = previous;
    }
  });
  afterAll(async () => {
    await singleConnection?.close();
    await database?.dispose();
  });

  it('does not pin the connection its own work needs: a run that queries finishes', async () => {
    const outcome = await within(
      10_000,
      withJobLock(singleConnection.db, 'salesforceSync', async () => {
        await singleConnection.db.execute(sql`select 1`);
        return 'done';
      }),
      'a job on a pool of one',
    );
    expect(outcome).toEqual({ ran: true, value: 'done' });
  });

  it('answers both crons called together within 10 s each, and the database stays usable meanwhile', async () => {
    const ctx = { ...createTestContext(database), db: singleConnection.db };
    const started = Date.now();
    const [sync, revert, health] = await within(
      10_000,
      Promise.all([runSalesforceSync(ctx), runRevertJob(ctx), singleConnection.db.execute(sql`select 1`)]),
      'both crons on a pool of one',
    );
    expect(sync.ran).toBe(true);
    expect(revert.ran).toBe(true);
    expect(health).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
