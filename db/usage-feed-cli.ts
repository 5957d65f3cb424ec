// `npm run usage:feed [-- --url http://localhost:3000]`: posts the demo tenants' usage to a running
// app every minute through POST /api/v1/usage, as a platform's metrics pipeline would (issue 13 §8),
// after filling the minutes it missed. The token: SSPM_USAGE_FEED_TOKEN, else the file the demo
// writes beside its embedded database (.data/usage-feed-token). Ctrl+C stops it.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageFeed, UsageFeedError } from './usage-feed';
import { usageFeedTokenFile } from './usage-feed-token';

const POST_TIMEOUT_MS = 60_000;
const WAKE_UP_MS = 60_000;

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!;
const endpoint = new URL('/api/v1/usage', base);
const tokenFile = usageFeedTokenFile(process.env.PGLITE_DIR || undefined);

const readToken = () => process.env.SSPM_USAGE_FEED_TOKEN?.trim() || (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '');

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Stopping the usage feed.');
    controller.abort();
  });
}

let token = readToken();
if (!token) token = await wakeApp();
if (!token) {
  console.error(
    `No token for the usage feed: ${tokenFile} is missing. Start the app in demo mode (npm run dev) and open it once, ` +
      'or set SSPM_USAGE_FEED_TOKEN to an API token of a user in the sspm-usage-feed group.',
  );
  process.exit(1);
}

const feed = new UsageFeed({
  signal: controller.signal,
  post: async (samples, signal) => {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ samples }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(POST_TIMEOUT_MS)]),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text.slice(0, 200);
      }
      return { status: response.status, body };
    } catch (error) {
      return { error: connectionProblem(error) };
    }
  },
  reloadToken: () => {
    const next = readToken();
    if (!next || next === token) return false;
    token = next;
    return true;
  },
});

console.log(`Posting the demo's usage to ${endpoint} every minute (Ctrl+C stops).`);
try {
  await feed.run();
} catch (error) {
  if (!(error instanceof UsageFeedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

/** The demo writes the token on its first use: ask the app's health check until it answers (a minute at most). */
async function wakeApp(): Promise<string> {
  console.log(`Waiting for the app at ${base} to start and write ${tokenFile}…`);
  const deadline = Date.now() + WAKE_UP_MS;
  while (Date.now() < deadline && !controller.signal.aborted) {
    try {
      const response = await fetch(new URL('/api/health', base), { signal: AbortSignal.timeout(5_000) });
      if (response.ok && readToken()) return readToken();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return readToken();
}

function connectionProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${POST_TIMEOUT_MS / 1000} s`;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
