import 'server-only';
import type { Executor } from '@/db/client';
import { type AlertTenant, insertUsageAlertNotifications, listAlertStates, listAlertTenants, writeAlertStates } from '@/lib/data/usage-alerts';
import type { Limits } from '@/lib/domain/ports';
import type { UsageSample } from '@/lib/domain/usage';
import { utcDate } from '@/lib/domain/threshold';
import { ALERT_WINDOW_MS, alertKey, planUsageAlerts } from '@/lib/domain/usage-alerts';

/**
 * In the ingestion's transaction (issue 13 §5): the levels (80, 95, 100 %) the stored samples
 * reached or dropped below, and a notification to the partner's requesters and the tenant's Account
 * Representative for each level newly reached and not yet notified today (the rules:
 * lib/domain/usage-alerts.ts). Set-based whatever the batch: the batch's tenants and their alert
 * states in one query each, the changed states in one statement, the notifications in one.
 *
 * Two ingestions at once cannot both notify a level: a state is written only if its row is still as
 * it was read, and only the levels whose row this transaction wrote are notified (the other
 * transaction's notification stands); the notification's dedupe key (tenant, port type, level, UTC
 * day, recipient) is the last word. Ingestions that share a tenant's hour already queue on its
 * usage_minutes row (lib/data/usage.ts storeSamples), so this rarely has to decide.
 */
export async function evaluateUsageAlerts(tx: Executor, samples: readonly UsageSample[], now: Date): Promise<void> {
  const tenantIds = [...new Set(samples.map((sample) => sample.tenantId))];
  await evaluateUsageAlertsOf(tx, samples, now, await listAlertTenants(tx, tenantIds));
}

/**
 * The same, with the samples' tenants read already (the ingestion reads them once, to refuse the
 * unknown ones and for these alerts): `tenants` holds at least every tenant of the samples.
 */
export async function evaluateUsageAlertsOf(tx: Executor, samples: readonly UsageSample[], now: Date, tenants: readonly AlertTenant[]): Promise<void> {
  const oldest = now.getTime() - ALERT_WINDOW_MS;
  const recent = samples.filter((sample) => sample.at.getTime() >= oldest);
  if (recent.length === 0) return;
  const today = utcDate(now);
  const tenantIds = [...new Set(recent.map((sample) => sample.tenantId))];

  const stored = await listAlertStates(tx, tenantIds, today);
  const limits = new Map<string, Limits>(tenants.map((tenant) => [tenant.id, tenant.limits]));
  const plan = planUsageAlerts(recent, limits, stored, now);
  if (plan.changes.length === 0) return;
  const written = await writeAlertStates(tx, plan.changes, today, now);

  const names = new Map(tenants.map((tenant) => [tenant.id, tenant.name]));
  const notices = plan.alerts
    .filter((alert) => written.has(alertKey(alert.tenantId, alert.portType, alert.level)))
    .map(({ tenantId, portType, level, peak, limit, at }) => ({
      params: { tenantId, tenantName: names.get(tenantId) ?? tenantId, portType, level, peak, limit, at: at.toISOString() },
    }));
  await insertUsageAlertNotifications(tx, notices, today, now);
}
