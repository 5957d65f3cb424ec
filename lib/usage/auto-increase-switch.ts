import 'server-only';
import type { Executor } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { loadCaller } from '@/lib/auth/load-caller';
import { canRequestChanges, canViewPorts } from '@/lib/auth/permissions';
import { type AutoIncreaseAuditRow, findAutomaticRequest, getAutoIncreaseSetting, listAutoIncreaseAudit, setAutoIncrease } from '@/lib/data/auto-increase';
import { recordAudit } from '@/lib/data/audit';
import { sumAutoApprovedIncrease } from '@/lib/data/requests';
import { getSettings } from '@/lib/data/settings';
import { getTenant, lockTenant } from '@/lib/data/tenants';
import { type AutoIncreaseOffCause, mayTurnOffAutoIncrease, mayTurnOnAutoIncrease } from '@/lib/domain/auto-increase';
import { AppError } from '@/lib/domain/errors';
import { type RequestStatus, SYSTEM_ACTOR } from '@/lib/domain/lifecycle';
import type { PortChanges } from '@/lib/domain/ports';
import { effectiveThreshold, remainingToday, utcDate, utcDay } from '@/lib/domain/threshold';
import type { UseCaseContext } from '@/lib/use-case-context';

/** How many of the switch's latest events the tenant page and the API show. */
const HISTORY_LENGTH = 5;

/** One event of the switch, as the audit recorded it. */
export type AutoIncreaseEventView = {
  action: 'on' | 'off';
  actor: string;
  /** The requester the option acted (or was to act) for. */
  onBehalfOf: string | null;
  cause: AutoIncreaseOffCause | null;
  at: string;
};

/** The tenant's automatic increase as it leaves the server (the tenant page, the API). */
export type AutoIncreaseView = {
  tenantId: string;
  enabled: boolean;
  /** Without Monitoring Gateway the tenant's ports cannot change here, so it cannot be turned on. */
  monitoringGateway: boolean;
  onBehalfOf: { email: string; name: string } | null;
  since: string | null;
  /**
   * False when the requester it acts for may no longer request changes for the tenant: the next time
   * usage reaches 95 %, SSPM turns it off instead of asking (and says so in the audit).
   */
  requesterPermitted: boolean;
  /** Today's (UTC) threshold as the automatic increase sees it. */
  today: { day: string; threshold: number; usedToday: number; remaining: number };
  /** The automatic request of today, if one was made: at most one a day. */
  todaysRequest: { id: string; status: RequestStatus; changes: PortChanges; createdAt: string } | null;
  history: AutoIncreaseEventView[];
  /** What the caller may do with the switch, whatever its state now. */
  may: { turnOn: boolean; turnOff: boolean };
};

/** The switch's state for the tenant page and the API: whoever sees the tenant's ports may read it. */
export async function getAutoIncrease(ctx: UseCaseContext, caller: Caller, tenantId: string): Promise<AutoIncreaseView> {
  if (!canViewPorts(caller)) throw new AppError('forbidden', { action: 'view_ports' });
  const tenant = await getTenant(ctx.db, caller.scope, tenantId);
  if (!tenant) throw new AppError('not_found', { what: 'tenant' });
  const now = ctx.clock();
  const day = utcDay(now);
  const [setting, settings, usedToday, automatic, history] = await Promise.all([
    getAutoIncreaseSetting(ctx.db, tenant.id),
    getSettings(ctx.db),
    sumAutoApprovedIncrease(ctx.db, tenant.id, day),
    findAutomaticRequest(ctx.db, tenant.id, utcDate(now)),
    listAutoIncreaseAudit(ctx.db, tenant.id, HISTORY_LENGTH),
  ]);
  const threshold = effectiveThreshold(settings.dailyThreshold, tenant.dailyThreshold);
  const enabled = setting !== null;
  return {
    tenantId: tenant.id,
    enabled,
    monitoringGateway: tenant.monitoringGatewayEnabled,
    onBehalfOf: setting ? { email: setting.email, name: setting.name } : null,
    since: setting?.since.toISOString() ?? null,
    requesterPermitted: setting ? (await loadPermittedRequester(ctx.db, setting.email, tenant.id)) !== null : true,
    today: { day: utcDate(now), threshold, usedToday, remaining: remainingToday(threshold, usedToday) },
    todaysRequest: automatic
      ? { id: automatic.id, status: automatic.status, changes: automatic.changes, createdAt: automatic.createdAt.toISOString() }
      : null,
    history: history.map(toEventView),
    may: {
      turnOn: mayTurnOnAutoIncrease(caller) && tenant.monitoringGatewayEnabled,
      turnOff: mayTurnOffAutoIncrease(caller),
    },
  };
}

/**
 * Turns it on, on the caller's behalf: only a requester with the tenant in scope, and only where
 * the tenant has Monitoring Gateway (no request could be made otherwise). Already on, it stays as it
 * is: the requester it acts for and the time it started are kept, and nothing is audited (moving
 * it to another requester is turning it off, then on, both in the audit).
 */
export async function turnOnAutoIncrease(ctx: UseCaseContext, caller: Caller, tenantId: string): Promise<AutoIncreaseView> {
  if (!mayTurnOnAutoIncrease(caller)) throw new AppError('forbidden', { action: 'auto_increase' });
  await ctx.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, caller.scope, tenantId);
    if (!tenant) throw new AppError('not_found', { what: 'tenant' });
    if (!tenant.monitoringGatewayEnabled) throw new AppError('monitoring_gateway_disabled', { when: 'submit' });
    if (tenant.autoIncreaseUserId) return;
    const now = ctx.clock();
    await setAutoIncrease(tx, tenant.id, { userId: caller.userId, since: now }, now);
    await recordAudit(tx, {
      tenantId: tenant.id,
      actor: caller.email,
      action: 'auto_increase_on',
      details: { onBehalfOf: caller.email, userId: caller.userId, since: now.toISOString() },
    });
  });
  return getAutoIncrease(ctx, caller, tenantId);
}

/** Turns it off, at any time: the partner's requesters or an Account Representative. Off already, nothing changes. */
export async function turnOffAutoIncrease(ctx: UseCaseContext, caller: Caller, tenantId: string): Promise<AutoIncreaseView> {
  if (!mayTurnOffAutoIncrease(caller)) throw new AppError('forbidden', { action: 'auto_increase' });
  await ctx.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, caller.scope, tenantId);
    if (!tenant) throw new AppError('not_found', { what: 'tenant' });
    if (!tenant.autoIncreaseUserId) return;
    await switchOff(tx, tenant.id, { actor: caller.email, cause: 'turned_off' }, ctx.clock());
  });
  return getAutoIncrease(ctx, caller, tenantId);
}

/**
 * Turns it off for SSPM itself when the requester it acts for may no longer request changes for
 * the tenant, unless someone changed it meanwhile (it acts for another requester now, or is off).
 * Answers whether it did.
 */
export async function turnOffForLostPermission(ctx: UseCaseContext, tenantId: string, userId: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, { kind: 'all' }, tenantId);
    if (!tenant || tenant.autoIncreaseUserId !== userId) return false;
    await switchOff(tx, tenant.id, { actor: SYSTEM_ACTOR, cause: 'requester_not_permitted' }, ctx.clock());
    return true;
  });
}

/** Under the tenant's lock: off, and the audit says who, why, and for whom it had been acting. */
async function switchOff(tx: Executor, tenantId: string, by: { actor: string; cause: AutoIncreaseOffCause }, now: Date): Promise<void> {
  const setting = await getAutoIncreaseSetting(tx, tenantId);
  await setAutoIncrease(tx, tenantId, null, now);
  await recordAudit(tx, {
    tenantId,
    actor: by.actor,
    action: 'auto_increase_off',
    details: { cause: by.cause, onBehalfOf: setting?.email ?? null, userId: setting?.userId ?? null, since: setting?.since.toISOString() ?? null },
  });
}

/**
 * The user as a caller, if they may request changes for the tenant now (their permissions and
 * scope of this moment: a changed role mapping or home tenant counts at once); otherwise null.
 */
export async function loadPermittedRequester(db: Executor, email: string, tenantId: string): Promise<Caller | null> {
  const caller = await loadCaller(db, email);
  if (!caller || !canRequestChanges(caller)) return null;
  return (await getTenant(db, caller.scope, tenantId)) ? caller : null;
}

function toEventView(row: AutoIncreaseAuditRow): AutoIncreaseEventView {
  const details = row.details;
  const cause = details.cause === 'turned_off' || details.cause === 'requester_not_permitted' ? details.cause : null;
  return {
    action: row.action === 'auto_increase_on' ? 'on' : 'off',
    actor: row.actor,
    onBehalfOf: typeof details.onBehalfOf === 'string' ? details.onBehalfOf : null,
    cause,
    at: row.at.toISOString(),
  };
}
