import { JsforceCaseDesk } from '@/lib/salesforce/jsforce-case-desk';
import { salesforceConfigFromEnv } from '@/lib/salesforce/salesforce-config';
import { afterEach } from 'vitest';
import { type SalesforceEmulator, startSalesforceEmulator } from './salesforce-emulator/server';
import type { Backend, TestDatabase } from './test-db';
import { type TestContext, freshDatabaseEachTest } from './use-case-context';

/** The production adapter, configured exactly as the app would be from the emulator's variables. */
export function salesforceDeskFor(emulator: SalesforceEmulator, options: { timeoutMs?: number } = {}): JsforceCaseDesk {
  return new JsforceCaseDesk(salesforceConfigFromEnv(emulator.env())!, options);
}

/**
 * Stands in for Next's after(): work is queued while the use case answers, and runs when the test
 * says the answer has gone out.
 */
export class AfterAnswerQueue {
  private tasks: (() => Promise<void>)[] = [];

  readonly schedule = (task: () => Promise<void>): void => {
    this.tasks.push(task);
  };

  get size(): number {
    return this.tasks.length;
  }

  async runAll(): Promise<void> {
    const tasks = this.tasks.splice(0);
    await Promise.all(tasks.map((task) => task()));
  }
}

export type SalesforceWorld = {
  database: TestDatabase;
  emulator: SalesforceEmulator;
  desk: JsforceCaseDesk;
  ctx: TestContext;
  afterAnswer: AfterAnswerQueue;
};

/**
 * Before each test: the seeded database, a fresh emulator, the jsforce desk on it, and a context
 * whose after-the-answer work waits for the test to run it. The emulator stops after each test.
 */
export function freshSalesforceEachTest(backend: Backend, ready: (world: SalesforceWorld) => void): void {
  let emulator: SalesforceEmulator | undefined;
  freshDatabaseEachTest(backend, async (database, freshCtx) => {
    emulator = await startSalesforceEmulator();
    const desk = salesforceDeskFor(emulator);
    const afterAnswer = new AfterAnswerQueue();
    ready({ database, emulator, desk, afterAnswer, ctx: { ...freshCtx, caseDesk: desk, afterAnswer: afterAnswer.schedule } });
  });
  afterEach(async () => {
    await emulator?.stop();
  });
}
