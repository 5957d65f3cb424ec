// Liveness and database reachability, for load balancers and uptime checks. No authentication.
// Answers within 2 s whatever the database does: a frozen or unreachable database is a 503, not a hang.
import { sql } from 'drizzle-orm';
import { getAppContext } from '@/lib/app-context';
import { withApiHeaders } from '@/lib/http/errors';
import { UNAVAILABLE_RETRY_SECONDS } from '@/lib/http/unavailable';

export const dynamic = 'force-dynamic';

const DATABASE_CHECK_MS = 1_500;

export async function GET() {
  const started = performance.now();
  const check = (async () => {
    const { db } = await getAppContext();
    await db.execute(sql`select 1`);
  })();
  // The check may outlive the answer (a frozen network path); its failure then is not news.
  check.catch(() => {});
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), DATABASE_CHECK_MS).unref());
  try {
    const outcome = await Promise.race([check.then(() => 'up' as const), timeout]);
    if (outcome === 'up') {
      return withApiHeaders(Response.json({ status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) }));
    }
    console.error(`health check: database did not answer within ${DATABASE_CHECK_MS} ms`);
  } catch (error) {
    console.error('health check: database unreachable:', error instanceof Error ? error.message : error);
  }
  return withApiHeaders(
    Response.json(
      { status: 'degraded', database: 'down' },
      { status: 503, headers: { 'Retry-After': String(UNAVAILABLE_RETRY_SECONDS) } },
    ),
  );
}
