import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The marker package throws outside React Server Components; tests run server code directly.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
    },
  },
  test: {
    environment: 'node',
    // next-auth imports `next/server` without an extension; let Vite resolve it instead of Node's ESM loader.
    server: { deps: { inline: ['next-auth'] } },
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test', AUTH_SECRET: 'test-only-secret-not-used-anywhere-else', SSPM_DEMO: 'true' },
  },
});
