import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { type ReliabilityResults, markdownTable, readResults, scenarioEntry, writeResults } from './reliability-report';

/**
 * Vitest reporter of `npm run test:reliability`: starts bench/results/reliability.json afresh,
 * and at the end adds each test's outcome (with the first lines of its failure) next to the
 * figures the scenarios recorded, the total duration, and prints a summary table.
 */
export default class ReliabilityReporter implements Reporter {
  private started = Date.now();

  onInit(): void {
    this.started = Date.now();
    const fresh: ReliabilityResults = { startedAt: new Date(this.started).toISOString(), scenarios: {} };
    writeResults(fresh);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const results = readResults();
    const summary: Record<string, unknown>[] = [];
    for (const testModule of testModules) {
      const scenario = path.basename(testModule.moduleId).replace(/\.test\.ts$/, '');
      const entry = scenarioEntry(results, scenario);
      entry.tests = [];
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        const seconds = Math.round((test.diagnostic()?.duration ?? 0) / 100) / 10;
        const errors = result.state === 'failed' ? result.errors.map((error) => (error.message ?? String(error)).split('\n').slice(0, 12).join('\n')) : undefined;
        entry.tests.push({ name: test.fullName, state: result.state, seconds, ...(errors ? { errors } : {}) });
        summary.push({ scenario, test: test.name, result: result.state, seconds });
      }
    }
    results.finishedAt = new Date().toISOString();
    results.durationSeconds = Math.round((Date.now() - this.started) / 1000);
    writeResults(results);
    console.log(`\n## Reliability suite (${results.durationSeconds} s)\n\n${markdownTable(summary)}\n\nFigures: ${path.relative(process.cwd(), 'bench/results/reliability.json')}\n`);
  }
}
