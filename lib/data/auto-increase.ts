import 'server-only';
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import { auditEvents, changeRequests, type ChangeRequestRow, type TenantRow, tenants, users } from '@/db/schema';

/** The audit actions of the switch (issue 13 §7): who turned it on or off, and when. */
export const AUTO_INCREASE_ACTIONS = ['auto_increase_on', 'auto_increase_off'] as const;
export type AutoIncreaseAction = (typeof AUTO_INCREASE_ACTIONS)[number];

/** A tenant with the option on, as the automatic increase needs it. */
export type OptedInTenant = Pick<TenantRow, 'id' | 'concurrent' | 'monitoringGatewayEnabled' | 'dailyThreshold'> & {
  userId: string;
  email: string;
  since: Date;
  /** Whether an automatic request of the tenant was already made on the UTC day asked about. */
  raisedToday: boolean;
};

type OptedInRow = {
  id: string;
  concurrent: number;
  monitoring_gateway_enabled: boolean;
  daily_threshold: number | null;
  user_id: string;
  email: string;
  since: Date | string;
  raised_today: boolean;
};

/**
 * Every tenant whose automatic increase is on, with the e-mail of the user it acts for, and whether
 * it already has its automatic request of `day` (YYYY-MM-DD, UTC; the expression of the unique index
 * change_requests_one_automatic_per_day, which answers it). All of them rather than those of a batch:
 * few tenants opt in, and a batch names up to 10,000 tenants, which cost 30 ms to send and match
 * against 10,000 tenants where this reads the opted-in ones in 3 (PostgreSQL, 100 of 10,000 on).
 */
export async function listOptedInTenants(db: Executor, day: string): Promise<OptedInTenant[]> {
  const rows = await queryRows<OptedInRow>(
    db,
    sql`
    select t.id, t.concurrent, t.monitoring_gateway_enabled, t.daily_threshold,
           t.auto_increase_user_id as user_id, u.email, t.auto_increase_since as since,
           exists (select 1 from change_requests r
                    where r.tenant_id = t.id and r.automatic
                      and (r.created_at at time zone 'UTC')::date = ${day}::date) as raised_today
      from tenants t join users u on u.id = t.auto_increase_user_id
     where t.auto_increase_user_id is not null`,
  );
  return rows.map((row) => ({
    id: row.id,
    concurrent: Number(row.concurrent),
    monitoringGatewayEnabled: row.monitoring_gateway_enabled,
    dailyThreshold: row.daily_threshold === null ? null : Number(row.daily_threshold),
    userId: row.user_id,
    email: row.email,
    since: new Date(row.since),
    raisedToday: row.raised_today,
  }));
}

export type AutoIncreaseSetting = { userId: string; email: string; name: string; since: Date } | null;

/** Who the tenant's automatic increase acts for and since when; null when it is off. */
export async function getAutoIncreaseSetting(db: Executor, tenantId: string): Promise<AutoIncreaseSetting> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, since: tenants.autoIncreaseSince })
    .from(tenants)
    .innerJoin(users, eq(users.id, tenants.autoIncreaseUserId))
    .where(and(eq(tenants.id, tenantId), isNotNull(tenants.autoIncreaseSince)));
  return row && row.since ? { ...row, since: row.since } : null;
}

/** Turns the option on for `userId` (null: off). Call it under the tenant's row lock. */
export async function setAutoIncrease(tx: Executor, tenantId: string, value: { userId: string; since: Date } | null, now: Date): Promise<void> {
  await tx
    .update(tenants)
    .set({ autoIncreaseUserId: value?.userId ?? null, autoIncreaseSince: value?.since ?? null, updatedAt: now })
    .where(eq(tenants.id, tenantId));
}

/** The tenant's automatic request of `day` (YYYY-MM-DD, UTC), if it made one. */
export async function findAutomaticRequest(db: Executor, tenantId: string, day: string): Promise<ChangeRequestRow | null> {
  const [row] = await db
    .select()
    .from(changeRequests)
    .where(
      and(
        eq(changeRequests.tenantId, tenantId),
        eq(changeRequests.automatic, true),
        sql`(${changeRequests.createdAt} at time zone 'UTC')::date = ${day}::date`,
      ),
    );
  return row ?? null;
}

export type AutoIncreaseAuditRow = { id: number; actor: string; action: AutoIncreaseAction; details: Record<string, unknown>; at: Date };

/**
 * The switch's latest audit events for the tenant, newest first. They belong to no request: the
 * request index (request_id, id) finds the events without one, newest first, and those are few
 * (settings, thresholds, access, this switch) where a request's events are most of the log.
 */
export async function listAutoIncreaseAudit(db: Executor, tenantId: string, limit: number): Promise<AutoIncreaseAuditRow[]> {
  const rows = await db
    .select({ id: auditEvents.id, actor: auditEvents.actor, action: auditEvents.action, details: auditEvents.details, at: auditEvents.at })
    .from(auditEvents)
    .where(and(isNull(auditEvents.requestId), eq(auditEvents.tenantId, tenantId), inArray(auditEvents.action, [...AUTO_INCREASE_ACTIONS])))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows as AutoIncreaseAuditRow[];
}
