import type { HttpSession } from './http-session';

/** One API answer as the reliability suite looks at it; status 0 means no answer within the bound. */
export type Answer = {
  status: number;
  ms: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields it asserts on
  json: any;
  retryAfter: string | null;
  error?: string;
};

/**
 * A JSON API call through a signed-in session, bounded by `timeoutMs`: a hang becomes status 0, a
 * refused or reset connection status -1, so that a scenario counts it instead of waiting for ever.
 * State-changing calls carry the instance's own Origin and a JSON body, as the app's pages send them.
 */
export async function callApi(
  session: HttpSession,
  pathname: string,
  options: { method?: string; body?: unknown; timeoutMs?: number; origin?: string } = {},
): Promise<Answer> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && options.origin) headers.origin = options.origin;
  return timedAnswer((signal) =>
    session.fetch(pathname, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    }),
    options.timeoutMs ?? 15_000,
  );
}

/** GET with the cron secret, bounded like callApi. */
export async function callCron(url: string, job: 'salesforce-sync' | 'revert-temporary' | 'usage-rollup', secret: string, timeoutMs = 60_000): Promise<Answer> {
  return timedAnswer((signal) => fetch(`${url}/api/cron/${job}`, { headers: { authorization: `Bearer ${secret}` }, signal }), timeoutMs);
}

/** Sends a request bounded by `timeoutMs` and reads its answer; a hang is status 0, a refused or reset connection -1. */
async function timedAnswer(send: (signal: AbortSignal) => Promise<Response>, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await send(AbortSignal.timeout(timeoutMs));
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { raw: text.slice(0, 200) };
    }
    return { status: response.status, ms: Math.round(performance.now() - started), json, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return {
      status: timedOut ? 0 : -1,
      ms: Math.round(performance.now() - started),
      json: null,
      retryAfter: null,
      error: timedOut ? 'no answer in time' : `${name}: ${(error as Error).message}`,
    };
  }
}

/** Runs the tasks with at most `concurrency` at once, and returns their results in order. */
export async function runPool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
