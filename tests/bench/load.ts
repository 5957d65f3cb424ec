// The load generator of `npm run bench`: N keep-alive connections over node:http, each sending its
// next request as soon as the previous answer is read, for a bounded time and count. node:http costs
// the client a fraction of what fetch does per request, which matters on two cores where the
// generator and the server share the CPU; the same generator measures /api/health, so the ratios
// compare like with like.
import { Agent, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';

export type LoadRequest = { path: string; method?: string; headers?: Record<string, string>; body?: string };

export type LoadOptions = {
  connections: number;
  /** Measured time; the load also stops at maxRequests. */
  seconds: number;
  maxRequests: number;
  /** Unmeasured load first (route modules load lazily, pools fill, the JIT warms up). */
  warmupSeconds?: number;
  /** The answer that counts as a success. */
  expectStatus?: number;
  /** The server process, to charge it the CPU time it spent (from /proc). */
  serverPid?: number;
};

export type LoadStats = {
  requests: number;
  failures: number;
  /** Unexpected statuses (0: no answer) and how often. */
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of the server process per successful request, ms (null when unknown). */
  serverCpuMs: number | null;
  /** Share of one core this process (the generator) used while measuring. */
  generatorCpu: number;
};

/** utime + stime of a process in ms, from /proc/<pid>/stat (clock ticks of 10 ms on Linux). */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields count from after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function send(agent: Agent, origin: URL, next: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { agent, hostname: origin.hostname, port: origin.port, path: next.path, method: next.method ?? 'GET', headers: next.headers },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(next.body);
  });
}

/**
 * Runs `connections` loops against `origin`, each on its own keep-alive socket; `nextRequest(i)`
 * gives the i-th request (a fixed one for reads; distinct tenants for submissions).
 */
export async function runLoad(origin: string, nextRequest: (i: number) => LoadRequest, options: LoadOptions): Promise<LoadStats> {
  const base = new URL(origin);
  const agents = Array.from({ length: options.connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  let issued = 0;
  const drive = async (until: number, limit: number, record: (ms: number, status: number) => void) => {
    await Promise.all(
      agents.map(async (agent) => {
        while (Date.now() < until && issued < limit) {
          const i = issued++;
          const started = performance.now();
          const status = await send(agent, base, nextRequest(i));
          record(performance.now() - started, status);
        }
      }),
    );
  };
  try {
    if (options.warmupSeconds) await drive(Date.now() + options.warmupSeconds * 1000, Number.MAX_SAFE_INTEGER, () => {});
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const expected = options.expectStatus ?? 200;
    const cpuBefore = options.serverPid ? processCpuMs(options.serverPid) : null;
    const ownBefore = process.cpuUsage();
    const started = performance.now();
    const limit = issued + options.maxRequests;
    await drive(Date.now() + options.seconds * 1000, limit, (ms, status) => {
      if (status === expected) latencies.push(ms);
      else statuses[status] = (statuses[status] ?? 0) + 1;
    });
    const elapsed = (performance.now() - started) / 1000;
    const own = process.cpuUsage(ownBefore);
    const cpuAfter = options.serverPid ? processCpuMs(options.serverPid) : null;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const failures = Object.values(statuses).reduce((sum, n) => sum + n, 0);
    return {
      requests: latencies.length,
      failures,
      statuses,
      seconds: elapsed,
      perSecond: latencies.length / elapsed,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: latencies.at(-1) ?? NaN,
      serverCpuMs: cpuBefore !== null && cpuAfter !== null && latencies.length > 0 ? (cpuAfter - cpuBefore) / latencies.length : null,
      generatorCpu: (own.user + own.system) / 1000 / (elapsed * 1000),
    };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
