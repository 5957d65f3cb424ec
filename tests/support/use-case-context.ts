import type { Caller } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import type { UseCaseContext } from '@/lib/use-case-context';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';
import { TestClock } from './clock';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Backend, type TestDatabase, createTestDatabase, resetTestDatabase } from './test-db';

export type TestContext = UseCaseContext & { clockControl: TestClock; callerFor: (email: string) => Promise<Caller> };

export function createTestContext(database: TestDatabase, clock = new TestClock()): TestContext {
  return {
    db: database.db,
    clock: clock.now,
    caseDesk: new LocalCaseDesk(database.db, clock.now),
    clockControl: clock,
    callerFor: async (email) => {
      const caller = await loadCaller(database.db, email);
      if (!caller) throw new Error(`no demo user ${email}`);
      return caller;
    },
  };
}

export const PERCY = 'percy@classics.example';
export const MARGUERITE = 'marguerite@classics.example';
export const ATHOS = 'athos@musketeers.example';
export const REP = 'rep@ops.example';
export const NETOPS = 'netops@ops.example';

/**
 * One database per test file on this backend, back to the seeded state before each test, with a
 * fresh context (and clock) handed to `ready`; disposed after the file.
 */
export function freshDatabaseEachTest(
  backend: Backend,
  ready: (database: TestDatabase, ctx: TestContext) => void | Promise<void>,
): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database!);
    await ready(database!, createTestContext(database!));
  });
  afterAll(async () => {
    await database?.dispose();
  });
}
