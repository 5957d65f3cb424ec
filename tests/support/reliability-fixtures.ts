import type { Sql } from './request-invariants';

export const PERCY = 'percy@classics.example';
export const REP = 'rep@ops.example';

/**
 * `count` customer tenants of Classics (so in Percy's tree), written straight into the database:
 * each scenario needs many tenants because a tenant holds one open request at a time. Ids are
 * `${prefix}-001`…; Personal Connection is off, so only concurrent ports count.
 */
export async function insertCustomerTenants(sql: Sql, prefix: string, count: number, concurrent = 100): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${String(index + 1).padStart(3, '0')}`);
  for (let start = 0; start < ids.length; start += 100) {
    const batch = ids.slice(start, start + 100);
    const values = batch.map((_, index) => `($${index * 2 + 1}, $${index * 2 + 2}, 'classics', 'rep@ops.example', ${concurrent}, 0, 0, false, true)`);
    await sql(
      `insert into tenants (id, name, parent_id, account_rep_email, concurrent, outbound, agentless, personal_connection_enabled, monitoring_gateway_enabled)
       values ${values.join(', ')}`,
      batch.flatMap((id) => [id, `Customer ${id}`]),
    );
  }
  return ids;
}

/** Pending case operations (the outbox not yet sent). */
export async function pendingOperations(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }>(`select count(*)::text as n from case_operations where state = 'pending'`);
  return Number(row?.n ?? 0);
}

/**
 * Makes every pending case operation due now: stands in for waiting out the outbox's lease (two
 * minutes after a dispatcher died mid-send) or its backoff, which a bounded test cannot afford.
 */
export async function makeOutboxDue(sql: Sql): Promise<void> {
  await sql(`update case_operations set next_attempt_at = now() - interval '1 second' where state = 'pending'`);
}
