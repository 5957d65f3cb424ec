import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { getSettings } from '@/lib/data/settings';
import { readPeaksSince } from '@/lib/data/usage';
import { type PortType, enabledPortTypes, perPortType } from '@/lib/domain/ports';
import { type Suggestion, suggestRightSizing } from '@/lib/domain/right-sizing';
import { HOUR_MS, NO_PEAKS, type Peaks, type Utilisation, bucketStart, utilisationOf } from '@/lib/domain/usage';
import { getVisibleTenant, listVisibleRequests, requireView } from '@/lib/requests/read-requests';
import type { RequestView, TenantView } from '@/lib/requests/views';
import type { UseCaseContext } from '@/lib/use-case-context';
import { ALERT_LEVELS, type AlertLevel, reachesLevel } from '@/lib/domain/usage-alerts';
import { newRequestHref } from '@/lib/validation/request-prefill';
import { RECENT_PEAK_DAYS, RIGHT_SIZING_DAYS, peaksWindowStart } from './recent-peaks';
import { readUsageHistory } from './usage-history';
import { type DailyPeak, type LimitSegment, type PeakPoint, dailyPeaks, highestPoint, limitAt, peakSince } from './usage-series';

/** How many of the tenant's requests the page lists; the requests page has them all. */
export const TENANT_PAGE_REQUESTS = 20;

/** One port type's 30 days, as the chart, its summary and its table need them. Instants are ISO strings. */
export type PortUsageView = {
  type: PortType;
  /** Hourly peaks, oldest first; hours without a sample are absent. */
  series: { start: string; peak: number }[];
  /** The limit in force, oldest first; the first step starts with the window. */
  limits: { from: string; limit: number }[];
  /** Approved and reverted requests that moved this port type's limit inside the window. */
  markers: { requestId: string; at: string; direction: 'applied' | 'reverted'; from: number; to: number }[];
  /** The window's highest hour against the limit in force then; null without a sample. */
  highest: { start: string; peak: number; limit: number; percent: number | null } | null;
  /** The reader's calendar days, for the table view. */
  days: DailyPeak[];
  /** Today's limit against the peaks of the last 24 hours, 7 days and 30 days. */
  lastDay: Utilisation;
  lastWeek: Utilisation;
  lastMonth: Utilisation;
};

export type UsageSuggestionView = Suggestion & { href: string };
export type UsageAlertView = { type: PortType; level: AlertLevel; peak: number; limit: number; percent: number };

export type TenantUsageView = {
  tenant: TenantView;
  /** The charts' time domain: from the first UTC day of the window to the end of the current hour. */
  window: { from: string; to: string; now: string };
  ports: PortUsageView[];
  /** The highest level each port type's last 24 hours reached, of 80, 95 and 100 % of today's limit. */
  alerts: UsageAlertView[];
  suggestions: UsageSuggestionView[];
  /** The monthly price of a concurrent port, in cents (0: costs are not shown). */
  portPriceCents: number;
  /** The caller may request changes: the suggestions link to the form. */
  mayRequest: boolean;
  requests: { items: RequestView[]; total: number; totalExact: boolean };
};

/**
 * The tenant page (issue 13 §4, §6): 30 days of hourly peaks of each port type the tenant has, with
 * the limit as it was at each moment and the requests that moved it, today's utilisation, the alerts
 * the last 24 hours call for, the right-sizing suggestions and the tenant's latest requests. A
 * tenant outside the caller's scope is not found, as everywhere else.
 */
export async function getTenantUsageView(
  ctx: UseCaseContext,
  caller: Caller,
  tenantId: string,
  reader: { timeZone: string },
): Promise<TenantUsageView> {
  const tenant = await getVisibleTenant(ctx, caller, tenantId);
  const now = ctx.clock();
  const from = peaksWindowStart(now, RIGHT_SIZING_DAYS);
  const to = new Date(bucketStart(now, 'hour').getTime() + HOUR_MS);
  // One read of the hourly series serves the charts and every peak: the last 24 hours, 7 and 30 days.
  const [{ series, limits: history, changes }, settings, requests] = await Promise.all([
    readUsageHistory(ctx.db, tenant, { from, to }, 'hour', now),
    getSettings(ctx.db),
    listVisibleRequests(ctx, caller, { tenantId: tenant.id, limit: TENANT_PAGE_REQUESTS }, reader),
  ]);
  const types = enabledPortTypes(tenant.personalConnectionEnabled);
  const since = { day: new Date(bucketStart(now, 'hour').getTime() - 23 * HOUR_MS), week: peaksWindowStart(now, RECENT_PEAK_DAYS) };

  const ports = types.map((type): PortUsageView => {
    const points: PeakPoint[] = series.flatMap((point) => (point[type] === null ? [] : [{ start: point.start, peak: point[type]! }]));
    const steps: LimitSegment[] = history
      .map((step) => ({ from: step.from, limit: step[type] }))
      .filter((step, i, all) => i === 0 || step.limit !== all[i - 1]!.limit);
    const highest = highestPoint(points);
    const highestLimit = highest ? limitAt(steps, highest.start) : 0;
    const peaks = { day: peakSince(points, since.day), week: peakSince(points, since.week), month: highest?.peak ?? null };
    const againstToday = (peak: number | null) => against(type, peak, tenant.limits[type]);
    return {
      type,
      series: points.map((point) => ({ start: point.start.toISOString(), peak: point.peak })),
      limits: steps.map((step) => ({ from: step.from.toISOString(), limit: step.limit })),
      markers: changes
        .filter((change) => change.changes[type] && change.requestId && change.at > from && change.at <= now)
        .toSorted((a, b) => a.at.getTime() - b.at.getTime())
        .map((change) => ({
          requestId: change.requestId!,
          at: change.at.toISOString(),
          direction: change.direction,
          // A revert puts the `from` value back: the marker says which way the line moved.
          from: change.direction === 'applied' ? change.changes[type]!.from : change.changes[type]!.to,
          to: change.direction === 'applied' ? change.changes[type]!.to : change.changes[type]!.from,
        })),
      highest: highest
        ? { start: highest.start.toISOString(), peak: highest.peak, limit: highestLimit, percent: against(type, highest.peak, highestLimit).percent }
        : null,
      days: dailyPeaks(points, steps, from, now, reader.timeZone),
      lastDay: againstToday(peaks.day),
      lastWeek: againstToday(peaks.week),
      lastMonth: againstToday(peaks.month),
    };
  });

  const monthPeaks = perPortType((type) => ports.find((port) => port.type === type)?.lastMonth.peak ?? null);
  const mayRequest = canRequestChanges(caller);
  return {
    tenant,
    window: { from: from.toISOString(), to: to.toISOString(), now: now.toISOString() },
    ports,
    alerts: ports.flatMap((port) => alertOf(port.type, port.lastDay)),
    suggestions: suggestRightSizing(monthPeaks, tenant.limits, types, settings.portPriceCents).map((suggestion) => ({
      ...suggestion,
      href: newRequestHref(tenant.id, { [suggestion.type]: suggestion.to }),
    })),
    portPriceCents: settings.portPriceCents,
    mayRequest,
    requests: { items: requests.items, total: requests.total, totalExact: requests.totalExact },
  };
}

/** One peak against one limit, as the domain measures it. */
const against = (type: PortType, peak: number | null, limit: number): Utilisation =>
  utilisationOf(perPortType(() => peak), perPortType(() => limit), [type])[0]!;

/** The highest alert level (80, 95, 100 % of the limit) a peak reached, if any. */
export function alertOf(type: PortType, utilisation: Utilisation): UsageAlertView[] {
  const { peak, percent, limit } = utilisation;
  if (peak === null || percent === null) return [];
  // The levels' own rule (exact, as the alerts judge them), not a rounded percentage.
  const level = ALERT_LEVELS.toReversed().find((candidate) => reachesLevel(peak, limit, candidate));
  return level === undefined ? [] : [{ type, level, peak, limit, percent }];
}

export type RecentPeaks = { week: Peaks; month: Peaks };

/**
 * The new-request form's "peak in the last 7 and 30 days" beside each field (issue 13 §4). The reads
 * are scoped: a tenant outside the caller's scope has no peaks.
 */
export async function getRecentPeaks(ctx: UseCaseContext, caller: Caller, tenantId: string): Promise<RecentPeaks> {
  requireView(caller);
  const now = ctx.clock();
  const [week, month] = await Promise.all(
    [RECENT_PEAK_DAYS, RIGHT_SIZING_DAYS].map((days) => readPeaksSince(ctx.db, caller.scope, peaksWindowStart(now, days), [tenantId])),
  );
  return { week: week!.get(tenantId) ?? NO_PEAKS, month: month!.get(tenantId) ?? NO_PEAKS };
}
