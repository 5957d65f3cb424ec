import { describe } from 'vitest';

/**
 * The reliability suite runs only under its own config (vitest.reliability.config.ts sets
 * SSPM_RELIABILITY): the default `vitest run` of `npm test` includes tests/**, and would otherwise
 * start servers and load for minutes.
 */
export const RELIABILITY = process.env.SSPM_RELIABILITY === 'true';

export const describeReliability = describe.runIf(RELIABILITY);

/** Scenarios on the real server: without SSPM_TEST_POSTGRES_URL they fail, saying so, rather than pass unseen. */
export function requirePostgresUrl(): string {
  const url = process.env.SSPM_TEST_POSTGRES_URL;
  if (!url) throw new Error('SSPM_TEST_POSTGRES_URL is not set: the reliability suite runs on a real PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test)');
  return url;
}
