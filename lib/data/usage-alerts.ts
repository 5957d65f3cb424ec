import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import type { Limits, PortType } from '@/lib/domain/ports';
import { type AlertChange, type AlertLevel, type StoredAlertState, alertKey } from '@/lib/domain/usage-alerts';
import type { UsageAlertParams } from '@/lib/notifications/params';

/**
 * The usage alerts' reads and writes (issue 13 §5), each one statement for a whole ingestion batch:
 * the batch's tenants, their alert states, the changed states, the notifications.
 */

const idList = (ids: readonly string[]): SQL => sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;

export type AlertTenant = { id: string; name: string; limits: Limits };

/** The tenants among `ids`, with their current limits. */
export async function listAlertTenants(tx: Executor, ids: readonly string[]): Promise<AlertTenant[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string; name: string; concurrent: number; outbound: number; agentless: number }>(
    tx,
    sql`select id, name, concurrent, outbound, agentless from tenants where id in ${idList(ids)}`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    limits: { concurrent: Number(row.concurrent), outbound: Number(row.outbound), agentless: Number(row.agentless) },
  }));
}

/**
 * The alert states of the tenants among `ids` that differ from "armed, not notified today": the
 * levels reached, and those notified `today`. Any other row behaves as no row at all, so a batch
 * reads only the tenants that are, or were today, near a limit.
 */
export async function listAlertStates(tx: Executor, ids: readonly string[], today: string): Promise<StoredAlertState[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ tenant_id: string; port_type: PortType; level: number; reached: boolean; notified_on: string | null }>(
    tx,
    sql`select tenant_id, port_type, level, reached, notified_on::text as notified_on
          from usage_alerts
         where tenant_id in ${idList(ids)} and (reached or notified_on = ${today}::date)`,
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    portType: row.port_type,
    level: Number(row.level) as AlertLevel,
    reached: row.reached,
    notifiedOn: row.notified_on,
  }));
}

const byKey = (a: AlertChange, b: AlertChange) =>
  a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : a.portType < b.portType ? -1 : a.portType > b.portType ? 1 : a.level - b.level;

/**
 * Writes the changed states in one statement, each only if its row is still as it was read: a row
 * read is updated where it still holds `before`; any other is inserted, or updated where it is still
 * armed and not notified `today` (what an unread row is). A concurrent ingestion that changed a row
 * first wins, and the change here (and so its notification) is dropped: two ingestions never both
 * notify a level. Rows are locked in key order, so that overlapping batches queue rather than
 * deadlock. Answers the keys (alertKey) written.
 */
export async function writeAlertStates(tx: Executor, changes: readonly AlertChange[], today: string, now: Date): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const row = (change: AlertChange) => ({ t: change.tenantId, p: change.portType, l: change.level, r: change.after.reached, n: change.after.notifiedOn });
  const sorted = [...changes].sort(byKey);
  const known = sorted.filter((change) => change.stored).map((change) => ({ ...row(change), wr: change.before.reached, wn: change.before.notifiedOn }));
  const fresh = sorted.filter((change) => !change.stored).map(row);
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await queryRows<{ tenant_id: string; port_type: PortType; level: number }>(
    tx,
    sql`
    with known as (
      select * from jsonb_to_recordset(${JSON.stringify(known)}::jsonb) as x(t text, p text, l smallint, r boolean, n date, wr boolean, wn date)
    ),
    locked as (
      select a.tenant_id, a.port_type, a.level
        from usage_alerts a join known x on a.tenant_id = x.t and a.port_type = x.p and a.level = x.l
       order by a.tenant_id, a.port_type, a.level
         for update of a
    ),
    updated as (
      update usage_alerts a set reached = x.r, notified_on = x.n, updated_at = ${at}
        from known x join locked k on k.tenant_id = x.t and k.port_type = x.p and k.level = x.l
       where a.tenant_id = x.t and a.port_type = x.p and a.level = x.l
         and a.reached = x.wr and a.notified_on is not distinct from x.wn
      returning a.tenant_id, a.port_type, a.level
    ),
    inserted as (
      insert into usage_alerts as a (tenant_id, port_type, level, reached, notified_on, updated_at)
      select x.t, x.p, x.l, x.r, x.n, ${at}
        from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb) as x(t text, p text, l smallint, r boolean, n date)
      on conflict (tenant_id, port_type, level) do update
        set reached = excluded.reached, notified_on = excluded.notified_on, updated_at = excluded.updated_at
        where not a.reached and a.notified_on is distinct from ${today}::date
      returning a.tenant_id, a.port_type, a.level
    )
    select tenant_id, port_type, level from updated
    union all
    select tenant_id, port_type, level from inserted`,
  );
  return new Set(rows.map((written) => alertKey(written.tenant_id, written.port_type, Number(written.level) as AlertLevel)));
}

/**
 * The users who may request changes (lib/auth/permissions.ts canRequestChanges: their groups map,
 * through role_mappings as they are now, to monitoring_gateway:view and sspm:create) and who have a
 * home tenant: the requesters of a tenant are those whose home is the tenant or its parent (the
 * partner), i.e. whose scope holds it (lib/auth/load-caller.ts). Reps are reached by the tenant's
 * account_rep_email, not by their groups.
 */
const REQUESTERS = sql`
  select u.email, u.home_tenant_id
    from users u
   where u.home_tenant_id is not null
     and exists (select 1 from role_mappings m where m."group" = any(u.groups) and 'sspm:create' = any(m.permissions))
     and exists (select 1 from role_mappings m where m."group" = any(u.groups) and 'monitoring_gateway:view' = any(m.permissions))`;

export type UsageAlertNotice = { params: UsageAlertParams };

/**
 * One `usage_alert` notification per alert and recipient (the requesters of the tenant's partner and
 * the tenant's Account Representative), in one statement. The dedupe key names the tenant, port type,
 * level and UTC day: whatever else happens, a recipient hears of a level at most once a day.
 */
export async function insertUsageAlertNotifications(tx: Executor, notices: readonly UsageAlertNotice[], today: string, now: Date): Promise<number> {
  if (notices.length === 0) return 0;
  const at = sql`${now.toISOString()}::timestamptz`;
  const input = notices.map(({ params }) => ({ t: params.tenantId, p: params.portType, l: params.level, params }));
  const [row] = await queryRows<{ written: number }>(
    tx,
    sql`
    with alert as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(t text, p text, l int, params jsonb)
    ),
    requesters as materialized (${REQUESTERS}),
    recipients as (
      select a.*, tenant.account_rep_email as email from alert a join tenants tenant on tenant.id = a.t
      union all
      select a.*, r.email from alert a join requesters r on r.home_tenant_id = a.t
      union all
      select a.*, r.email from alert a join tenants tenant on tenant.id = a.t join requesters r on r.home_tenant_id = tenant.parent_id
    ),
    written as (
      insert into notifications (recipient, request_id, kind, params, dedupe_key, email_next_attempt_at, created_at)
      select email, null, 'usage_alert', params,
             'usage_alert:' || t || ':' || p || ':' || l || ':' || ${today} || ':' || lower(email), ${at}, ${at}
        from recipients
      on conflict (dedupe_key) do nothing
      returning 1
    )
    select count(*)::int as written from written`,
  );
  return row?.written ?? 0;
}
