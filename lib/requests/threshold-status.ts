import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { sumAutoApprovedIncrease } from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { getTenant } from '@/lib/data/tenants';
import { AppError } from '@/lib/domain/errors';
import { effectiveThreshold, remainingToday, utcDay } from '@/lib/domain/threshold';
import type { UseCaseContext } from '@/lib/use-case-context';

export type ThresholdStatus = {
  threshold: number;
  usedToday: number;
  remaining: number;
  portPriceCents: number;
};

/** What is left of today's automatic approvals for a tenant, for the form to predict the outcome. */
export async function getThresholdStatus(
  ctx: UseCaseContext,
  caller: Caller,
  tenantId: string,
): Promise<ThresholdStatus> {
  if (!canViewPorts(caller) && !canRequestChanges(caller)) {
    throw new AppError('forbidden', { action: 'view_ports' });
  }
  const tenant = await getTenant(ctx.db, caller.scope, tenantId);
  if (!tenant) throw new AppError('not_found', { what: 'tenant' });
  const [settings, usedToday] = await Promise.all([
    getSettings(ctx.db),
    sumAutoApprovedIncrease(ctx.db, tenant.id, utcDay(ctx.clock())),
  ]);
  const threshold = effectiveThreshold(settings.dailyThreshold, tenant.dailyThreshold);
  return { threshold, usedToday, remaining: remainingToday(threshold, usedToday), portPriceCents: settings.portPriceCents };
}
