import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Step = { run?: string; uses?: string; with?: Record<string, unknown>; 'continue-on-error'?: boolean };
type Job = { if?: string; needs?: string; container?: string; services?: Record<string, { image: string }>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };

const workflow = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as Workflow;
const ciRun = readFileSync('.ci/run', 'utf8');
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run.trim()] : []));

/** Issue 10: GitHub Actions and .ci/run run one script, so that they cannot drift apart. */
describe('the GitHub Actions workflow', () => {
  it('runs on every pull request and on pushes to main', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('runs the tests with exactly the script .ci/run ends with', () => {
    const lastLine = ciRun.trim().split('\n').at(-1)!;
    expect(lastLine).toMatch(/\.ci\/test$/);
    expect(runs(workflow.jobs.test!)).toContain('bash .ci/test');
  });

  it('installs with npm ci and a cached npm, Debian Chromium, and a PostgreSQL service', () => {
    const test = workflow.jobs.test!;
    expect(runs(test)).toContain('npm ci --no-audit --no-fund');
    expect(ciRun).toContain('npm ci --no-audit --no-fund');
    expect(test.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with).toMatchObject({ cache: 'npm' });
    expect(test.container).toMatch(/bookworm/);
    expect(runs(test).join('\n')).toMatch(/apt-get install[^\n]*chromium/);
    expect(test.services?.postgres?.image).toMatch(/^postgres:/);
  });

  it('uploads the browser screenshots and the reliability figures', () => {
    const upload = workflow.jobs.test!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.path)).toContain('test-artifacts/');
    expect(String(upload?.with?.path)).toContain('bench/results/reliability.json');
  });

  it('benchmarks pushes to main and uploads the figures, without failing the build on numbers', () => {
    const bench = workflow.jobs.bench!;
    expect(bench.if).toContain("refs/heads/main");
    const step = bench.steps.find((candidate) => candidate.run === 'npm run bench');
    expect(step?.['continue-on-error']).toBe(true);
    expect(JSON.stringify(bench.steps)).toContain('bench/results/latest.json');
  });
});
