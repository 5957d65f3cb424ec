import { JsforceCaseDesk } from '@/lib/salesforce/jsforce-case-desk';
import { salesforceConfigFromEnv } from '@/lib/salesforce/salesforce-config';
import type { SalesforceEmulator } from './salesforce-emulator/server';

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
