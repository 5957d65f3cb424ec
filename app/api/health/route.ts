// Liveness and database reachability, for load balancers and uptime checks. No authentication.
import { sql } from 'drizzle-orm';
import { getAppContext } from '@/lib/app-context';

export const dynamic = 'force-dynamic';

export async function GET() {
  const started = performance.now();
  try {
    const { db } = await getAppContext();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) });
  } catch (error) {
    console.error('health check: database unreachable:', error);
    return Response.json({ status: 'degraded', database: 'down' }, { status: 503 });
  }
}
