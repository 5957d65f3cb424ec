import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import { bucketStart } from '@/lib/domain/usage';

/**
 * The highest concurrent sample of each of these tenants in the minute slots that start at or after
 * `since` (issue 13 §7's "current usage"), in one query: only the one or two hour rows that hold
 * those slots are read (the primary key, tenant and hour). Tenants without such a sample are absent.
 */
export async function readConcurrentPeaksSince(db: Executor, tenantIds: readonly string[], since: Date): Promise<Map<string, number>> {
  if (tenantIds.length === 0) return new Map();
  const from = since.toISOString();
  const firstHour = bucketStart(since, 'hour').toISOString();
  const rows = await queryRows<{ tenant_id: string; peak: number }>(
    db,
    sql`
    select m.tenant_id, max(s.v)::int as peak
      from jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb) as wanted(id)
      join usage_minutes m on m.tenant_id = wanted.id and m.hour_start >= ${firstHour}::timestamptz
      cross join lateral unnest(m.concurrent) with ordinality as s(v, i)
     where s.v is not null
       and m.hour_start + (s.i - 1) * interval '1 minute' >= ${from}::timestamptz
     group by m.tenant_id`,
  );
  return new Map(rows.map((row) => [row.tenant_id, Number(row.peak)]));
}
