import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the reliability suite leaves its figures, for CI to upload (`npm run test:reliability`). */
export const RELIABILITY_RESULTS = path.resolve('bench/results/reliability.json');

export type ScenarioFigures = Record<string, unknown>;

export type ReliabilityResults = {
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  /** Per test file (its name without `.test.ts`). */
  scenarios: Record<
    string,
    {
      figures: Record<string, ScenarioFigures>;
      markdown: string[];
      tests: { name: string; state: string; seconds: number; errors?: string[] }[];
    }
  >;
};

export function readResults(): ReliabilityResults {
  try {
    return JSON.parse(readFileSync(RELIABILITY_RESULTS, 'utf8')) as ReliabilityResults;
  } catch {
    return { startedAt: new Date().toISOString(), scenarios: {} };
  }
}

export function writeResults(results: ReliabilityResults): void {
  mkdirSync(path.dirname(RELIABILITY_RESULTS), { recursive: true });
  writeFileSync(RELIABILITY_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

export function scenarioEntry(results: ReliabilityResults, scenario: string) {
  return (results.scenarios[scenario] ??= { figures: {}, markdown: [], tests: [] });
}

/**
 * Prints a scenario's figures as Markdown and records them in the results file. Called before the
 * assertions, so that a failing scenario still says what it measured. Test files run one at a
 * time (no file parallelism), so read-modify-write is safe.
 */
export function report(scenario: string, label: string, figures: ScenarioFigures, markdown: string): void {
  console.log(`\n#### ${scenario} — ${label}\n${markdown}\n`);
  const results = readResults();
  const entry = scenarioEntry(results, scenario);
  entry.figures[label] = figures;
  entry.markdown.push(`**${label}**: ${markdown}`);
  writeResults(results);
}

/** A Markdown table from rows of equal keys. */
export function markdownTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const line = (cells: unknown[]) => `| ${cells.map((cell) => (cell === undefined ? '' : String(cell))).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((row) => line(columns.map((column) => row[column])))].join('\n');
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How many times each value occurs, e.g. HTTP statuses: { "201": 1, "409": 49 }. */
export function tally(values: (string | number)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}
