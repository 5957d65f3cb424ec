import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './app-process';

/** `pid` is the `next start` process itself (the benchmark reads its peak memory from /proc). */
export type AppServer = { url: string; pid: number; stop: () => Promise<void>; output: () => string };

/**
 * Starts the built app (`next start`, after `next build`) on a free loopback port with a fresh
 * embedded database in demo mode, and waits until it answers its health check.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sspm-e2e-'));
  const url = `http://localhost:${port}`;
  let log = '';
  // The server binary itself, not npx: stopping its PID must stop the server (NOTES-STACK).
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port), '-H', 'localhost'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      SSPM_DEMO: 'true',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTH_URL: url,
      AUTH_TRUST_HOST: 'true',
      DATABASE_URL: '',
      POSTGRES_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, pid: child.pid!, stop, output: () => log };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the app did not become healthy within 60 s:\n${log}`);
}
