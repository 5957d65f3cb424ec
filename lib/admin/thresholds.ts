import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { isNetworkOps } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/data/audit';
import { sumAutoApprovedIncreaseByTenant } from '@/lib/data/requests';
import { getSettings, lockSettings, saveSettings } from '@/lib/data/settings';
import { listTenants, setTenantThreshold } from '@/lib/data/tenants';
import { AppError } from '@/lib/domain/errors';
import { effectiveThreshold, remainingToday, utcDate, utcDay } from '@/lib/domain/threshold';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { GlobalSettingsInput, TenantThresholdInput } from '@/lib/validation/thresholds';

/** SPEC §2: the daily threshold is set by Network Operations. */
function requireNetworkOps(caller: Caller): void {
  if (!isNetworkOps(caller)) throw new AppError('forbidden', { action: 'set_thresholds' });
}

export type ThresholdOverview = {
  dailyThreshold: number;
  portPriceCents: number;
  day: string;
  tenants: { id: string; name: string; override: number | null; threshold: number; usedToday: number; remaining: number }[];
};

export async function getThresholdOverview(ctx: UseCaseContext, caller: Caller): Promise<ThresholdOverview> {
  requireNetworkOps(caller);
  const day = utcDay(ctx.clock());
  const [settings, tenants, used] = await Promise.all([
    getSettings(ctx.db),
    listTenants(ctx.db, { kind: 'all' }),
    sumAutoApprovedIncreaseByTenant(ctx.db, day),
  ]);
  return {
    ...settings,
    day: utcDate(day.start),
    tenants: tenants.map((tenant) => {
      const threshold = effectiveThreshold(settings.dailyThreshold, tenant.dailyThreshold);
      const usedToday = used.get(tenant.id) ?? 0;
      return { id: tenant.id, name: tenant.name, override: tenant.dailyThreshold, threshold, usedToday, remaining: remainingToday(threshold, usedToday) };
    }),
  };
}

export async function updateGlobalSettings(ctx: UseCaseContext, caller: Caller, input: GlobalSettingsInput): Promise<void> {
  requireNetworkOps(caller);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const before = await lockSettings(tx);
    await saveSettings(tx, { ...input, updatedBy: caller.email, now });
    await recordAudit(tx, { actor: caller.email, action: 'settings_changed', details: { before, after: input } });
  });
}

export async function updateTenantThreshold(ctx: UseCaseContext, caller: Caller, input: TenantThresholdInput): Promise<void> {
  requireNetworkOps(caller);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const before = await setTenantThreshold(tx, input.tenantId, input.dailyThreshold, now);
    if (!before) throw new AppError('not_found', { what: 'tenant' });
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: caller.email,
      action: 'tenant_threshold_changed',
      details: { before: before.dailyThreshold, after: input.dailyThreshold },
    });
  });
}
