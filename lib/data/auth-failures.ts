import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';

export type FailureWindow = { limit: number; windowMs: number; blockMs: number };

/**
 * A one-row query: `seconds` until the longest block among these keys ends, 0 when none is blocked.
 * A fragment, so that the API's token lookup can ask it in the same statement.
 */
export function blockedSecondsQuery(keys: readonly string[], now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const list = keys.length > 0 ? sql.join(keys.map((key) => sql`${key}`), sql`, `) : sql`null`;
  return sql`select coalesce(ceil(extract(epoch from max(blocked_until) - ${at})), 0)::int as seconds
    from auth_failures where key in (${list}) and blocked_until > ${at}`;
}

export async function secondsBlocked(db: Executor, keys: readonly string[], now: Date): Promise<number> {
  const [row] = await queryRows<{ seconds: number }>(db, blockedSecondsQuery(keys, now));
  return Number(row?.seconds ?? 0);
}

/**
 * Counts one failure against the key in a fixed window, and blocks the key once the window holds
 * `limit` failures. One upsert, so that concurrent failures from many instances all count.
 */
export async function recordFailure(db: Executor, key: string, policy: FailureWindow, now: Date): Promise<void> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - policy.windowMs).toISOString()}::timestamptz`;
  const blockedUntil = sql`${new Date(now.getTime() + policy.blockMs).toISOString()}::timestamptz`;
  await db.execute(sql`
    insert into auth_failures as f (key, failures, window_started_at, blocked_until)
    values (${key}, 1, ${nowSql}, case when ${policy.limit} <= 1 then ${blockedUntil} end)
    on conflict (key) do update set
      failures = case when f.window_started_at < ${windowStart} then 1 else f.failures + 1 end,
      window_started_at = case when f.window_started_at < ${windowStart} then ${nowSql} else f.window_started_at end,
      blocked_until = case
        when (case when f.window_started_at < ${windowStart} then 1 else f.failures + 1 end) >= ${policy.limit}
          then greatest(f.blocked_until, ${blockedUntil})
        else f.blocked_until end`);
}
