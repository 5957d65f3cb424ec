import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser tests against the built app (`next build` first); run by `npm run test:e2e`. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
