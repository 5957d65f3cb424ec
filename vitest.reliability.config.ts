import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: scenarios against the production build (`next build` first) on the
 * real PostgreSQL server (SSPM_TEST_POSTGRES_URL) and PGlite. One file at a time: each starts its
 * own app processes and measures them, and two files at once would measure each other. Every
 * scenario bounds its own waits; the timeouts here are the last resort that turns a hang into a
 * failure instead of a stuck run.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
    },
  },
  test: {
    environment: 'node',
    server: { deps: { inline: ['next-auth'] } },
    include: ['tests/reliability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ['default', './tests/support/reliability-reporter.ts'],
    // The suite's own files say whether they run (tests/support/reliability-gate.ts): the default
    // `vitest run` of `npm test` collects them too, and skips them.
    env: { SSPM_RELIABILITY: 'true', NODE_ENV: 'test', AUTH_SECRET: 'test-only-secret-not-used-anywhere-else', SSPM_DEMO: 'true' },
  },
});
