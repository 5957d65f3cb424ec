// `npm run bench` measures the production build, so it must be the build of the code in the tree:
// without one, or with sources changed since it was made, it runs `next build` first. Building
// (about a minute on two cores) beats both failing on a fresh clone and measuring stale code.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BUILD_ID = '.next/BUILD_ID';
// The digest of the sources a build made here was made from.
const DIGEST_FILE = '.next/sspm-bench-sources.sha256';
// What goes into the server bundle; package.json is left out (editing a script does not change it).
const SOURCES = ['app', 'lib', 'db', 'proxy.ts', 'next.config.ts', 'package-lock.json', 'tsconfig.json'];

function sourceFiles(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => sourceFiles(path.join(entry, name)));
}

function sourceDigest(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(sourceFiles)) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * Why the build must be (re)made, or null when `.next` is the build of the current sources. A build
 * this script made is checked by content; one made otherwise (`npm run build`) by modification
 * times, which copies that keep old times (rsync -a, tar) can fool.
 */
export function staleBuildReason(): string | null {
  if (!existsSync(BUILD_ID)) return 'there is no production build (.next/BUILD_ID)';
  if (existsSync(DIGEST_FILE)) {
    return readFileSync(DIGEST_FILE, 'utf8').trim() === sourceDigest() ? null : 'the sources changed after the last build';
  }
  const builtAt = statSync(BUILD_ID).mtimeMs;
  const newer = SOURCES.flatMap(sourceFiles).find((file) => statSync(file).mtimeMs > builtAt);
  return newer ? `${newer} changed after the last build` : null;
}

/** Runs `next build` when the build is missing or stale; returns what it did, for the report. */
export function ensureBuild(): string {
  const reason = staleBuildReason();
  if (!reason) return 'existing build';
  console.log(`npm run bench: ${reason}; running next build first.\n`);
  const digest = sourceDigest();
  const result = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed: the benchmark measures the production build, so it stops here.');
  writeFileSync(DIGEST_FILE, `${digest}\n`);
  return `built first (${reason})`;
}
