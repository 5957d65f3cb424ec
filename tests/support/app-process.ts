import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The built app (`next start`) as a process the reliability suite can start on a chosen port and
 * data directory, kill with any signal, restart on the same data, and measure. app-server.ts's
 * startAppServer gives each test a throwaway embedded database; this one leaves the database to
 * the caller (a PostgreSQL URL, or a PGLITE_DIR that must survive a SIGKILL).
 */
export type AppProcess = {
  /** http://localhost:PORT: Auth.js wants localhost, not 127.0.0.1 (NOTES-STACK). */
  url: string;
  port: number;
  pid: number;
  output: () => string;
  exited: () => boolean;
  /** Sends the signal and waits (at most 10 s) for the process to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
};

/** A secret shared by the instances of one cluster, so that a session cookie is valid on each. */
export const sharedAuthSecret = () => randomBytes(32).toString('base64url');

export const CRON_SECRET = 'reliability-cron-secret-0123456789';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever the tests leave running dies with the worker: never an orphan server holding a port. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `next start` (the binary itself, so that the PID is the server's) on loopback, in demo
 * mode with the given environment on top. Returns as soon as the process runs: use
 * waitForFirstHealth / waitUntilHealthy to know when it answers.
 */
export async function spawnApp(options: { env?: Record<string, string>; port?: number } = {}): Promise<AppProcess> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  let log = '';
  const child = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port), '-H', 'localhost'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SSPM_DEMO: 'true',
      AUTH_SECRET: sharedAuthSecret(),
      AUTH_URL: url,
      AUTH_TRUST_HOST: 'true',
      CRON_SECRET,
      DATABASE_URL: '',
      POSTGRES_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exitedPromise.then(() => running.delete(child));
  const exited = () => child.exitCode !== null || child.signalCode !== null;

  const kill = async (signal: NodeJS.Signals) => {
    if (exited()) return;
    child.kill(signal);
    await Promise.race([exitedPromise, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  };
  const stop = async () => {
    if (exited()) return;
    child.kill('SIGTERM');
    await Promise.race([exitedPromise, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    if (!exited()) await kill('SIGKILL');
  };
  if (child.pid === undefined) throw new Error(`next start did not start:\n${log}`);
  return { url, port, pid: child.pid, output: () => log, exited, kill, stop };
}

export type HealthAnswer = { status: number; ms: number; body: unknown };

/** One GET /api/health, bounded: a hang is reported as status 0 after `timeoutMs`. */
export async function probeHealth(url: string, timeoutMs = 5_000): Promise<HealthAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, ms: Math.round(performance.now() - started), body };
  } catch (error) {
    const name = (error as Error).name;
    // A timeout is an answer we did not get (status 0); a refused connection is "not listening yet".
    if (name === 'TimeoutError' || name === 'AbortError') return { status: 0, ms: Math.round(performance.now() - started), body: 'no answer' };
    throw error;
  }
}

/**
 * Waits until the process listens, and returns its first answer to /api/health, whatever it is:
 * the answer that tells whether start-up (migrations, demo seed) went right the first time.
 */
export async function waitForFirstHealth(app: AppProcess, timeoutMs = 60_000): Promise<HealthAnswer> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exited()) throw new Error(`next start exited before answering:\n${app.output()}`);
    try {
      return await probeHealth(app.url, Math.max(1_000, deadline - Date.now()));
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${app.url}/api/health within ${timeoutMs} ms:\n${app.output()}`);
}

/** Waits (bounded) until /api/health answers 200. */
export async function waitUntilHealthy(app: AppProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: HealthAnswer | string = 'nothing yet';
  while (Date.now() < deadline) {
    if (app.exited()) throw new Error(`next start exited:\n${app.output()}`);
    try {
      last = await probeHealth(app.url, 5_000);
      if (last.status === 200) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${app.url} not healthy within ${timeoutMs} ms (last: ${JSON.stringify(last)}):\n${app.output().slice(-4000)}`);
}

/** Spawns and waits until healthy; on failure the process is stopped. */
export async function startApp(options: { env?: Record<string, string>; port?: number; timeoutMs?: number } = {}): Promise<AppProcess> {
  const app = await spawnApp(options);
  try {
    await waitUntilHealthy(app, options.timeoutMs ?? 60_000);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

/** Resident memory of a process from /proc (kB): now, and the peak so far (high-water mark). */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}
