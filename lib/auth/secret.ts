import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';

let cached: string | undefined;

/**
 * AUTH_SECRET when set. In demo mode without one, a random secret kept beside the embedded
 * database, so that a fresh clone runs with no configuration and nothing secret is committed.
 */
export function authSecret(): string | undefined {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (!env.demo) return undefined;
  const file = path.join(path.dirname(path.resolve(env.PGLITE_DIR.replace(/^memory:\/\//, '.data/memory'))), 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return (cached = readFileSync(file, 'utf8').trim());
}
