import type { Caller } from '@/lib/auth/caller';
import { canRequestChanges, canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { type TenantTableRow, countTenantTableRows, listTenantTableRows } from '@/lib/data/tenant-table';
import { readPeaksSince } from '@/lib/data/usage';
import { AppError } from '@/lib/domain/errors';
import type { RequestStatus } from '@/lib/domain/lifecycle';
import { type Limits, PORT_TYPES, type PortType, enabledPortTypes, limitsOf } from '@/lib/domain/ports';
import { remainingToday, utcDay } from '@/lib/domain/threshold';
import { NO_PEAKS, type Peaks, type Utilisation, utilisationOf } from '@/lib/domain/usage';
import { RECENT_PEAK_DAYS, peaksWindowStart } from '@/lib/usage/recent-peaks';
import type { UseCaseContext } from '@/lib/use-case-context';
import { TENANT_TABLE_PAGE_SIZE, type TenantTableQuery } from '@/lib/validation/tenant-table';

/**
 * Whether the caller may start a change of this tenant from the table, and if not, why: the page
 * words the reason and its next step. `not_permitted`: the caller may only look (no action shown).
 */
export type ChangeAvailability =
  | { kind: 'allowed' }
  /** `enableYourself`: the caller is an Account Representative, who turns the gateway on under Access. */
  | { kind: 'gateway_disabled'; accountRepEmail: string; enableYourself: boolean }
  /** One open request per tenant: a new one waits for it (which may be waiting for the caller's information). */
  | { kind: 'request_open'; requestId: string; status: RequestStatus }
  | { kind: 'not_permitted' };

export type TenantTableRowView = {
  id: string;
  name: string;
  /** A partner's own tenant (no parent): it heads its customers in the table. */
  isPartner: boolean;
  /** For callers who see several partners: whose customer this is. */
  parentName: string | null;
  personalConnectionEnabled: boolean;
  monitoringGatewayEnabled: boolean;
  limits: Limits;
  /** Today's (UTC) automatic approvals: concurrent ports that may still be added without review. */
  allowance: { threshold: number; usedToday: number; remaining: number };
  openRequest: { id: string; status: RequestStatus; createdAt: string } | null;
  /** The temporary change in force that ends first: the limits it puts back, and when. */
  temporary: { requestId: string; revertAt: string; revertsTo: { port: PortType; value: number }[]; blocked: boolean; inForce: number } | null;
  change: ChangeAvailability;
  /** The last 7 days' peak against each limit the tenant has (issue 13 §4); `peak` null: no usage data. */
  utilisation: Utilisation[];
};

export type TenantTableView = {
  rows: TenantTableRowView[];
  /** Rows on all pages with these filters. */
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The page asked for is after the last one (the rows are empty, `total` says how many there are). */
  pastEnd: boolean;
  mayRequest: boolean;
};

/**
 * The dashboard's tenant table: one page of the tenants in the caller's scope, filtered and sorted
 * as the address says, each with what a partner needs to decide on a change.
 */
export async function listTenantTable(ctx: UseCaseContext, caller: Caller, query: TenantTableQuery): Promise<TenantTableView> {
  if (!canViewPorts(caller)) throw new AppError('forbidden', { action: 'view_ports' });
  const filters = { search: query.q, personalConnection: query.pc, openRequest: query.open, temporary: query.temporary };
  const pageSize = TENANT_TABLE_PAGE_SIZE;
  const { rows, total: counted } = await listTenantTableRows(ctx.db, caller.scope, {
    ...filters,
    sort: query.sort,
    dir: query.dir,
    offset: (query.page - 1) * pageSize,
    limit: pageSize,
    today: utcDay(ctx.clock()),
  });
  // An empty page after the first has no row to carry the total: only then is it counted apart.
  const pastEnd = rows.length === 0 && query.page > 1;
  const total = pastEnd ? await countTenantTableRows(ctx.db, caller.scope, filters) : counted;
  const mayRequest = canRequestChanges(caller);
  const may = { request: mayRequest, enableGateway: isAccountRep(caller) };
  // The bars: one query for the page's tenants, not one per row.
  const peaks =
    rows.length > 0
      ? await readPeaksSince(ctx.db, caller.scope, peaksWindowStart(ctx.clock(), RECENT_PEAK_DAYS), rows.map((row) => row.id))
      : new Map<string, Peaks>();
  return {
    rows: rows.map((row) => toRowView(row, may, peaks.get(row.id) ?? NO_PEAKS)),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    pastEnd,
    mayRequest,
  };
}

type Permitted = { request: boolean; enableGateway: boolean };

function toRowView(row: TenantTableRow, may: Permitted, peaks: Peaks): TenantTableRowView {
  const limits = limitsOf(row);
  return {
    id: row.id,
    name: row.name,
    isPartner: row.parentId === null,
    parentName: row.parentName,
    personalConnectionEnabled: row.personalConnectionEnabled,
    monitoringGatewayEnabled: row.monitoringGatewayEnabled,
    limits,
    allowance: { threshold: row.threshold, usedToday: row.usedToday, remaining: remainingToday(row.threshold, row.usedToday) },
    openRequest: row.openRequest
      ? { id: row.openRequest.id, status: row.openRequest.status, createdAt: row.openRequest.createdAt.toISOString() }
      : null,
    temporary: row.temporary
      ? {
          requestId: row.temporary.id,
          revertAt: row.temporary.revertAt.toISOString(),
          // The revert puts back each changed port's value from before the change (lib/domain/revert).
          revertsTo: PORT_TYPES.flatMap((port) => {
            const change = row.temporary?.changes[port];
            return change ? [{ port, value: change.from }] : [];
          }),
          blocked: row.temporary.blocked,
          inForce: row.temporary.inForce,
        }
      : null,
    change: changeAvailability(row, may),
    utilisation: utilisationOf(peaks, limits, enabledPortTypes(row.personalConnectionEnabled)),
  };
}

/** The same order of refusals as submitting would give: the gateway first, then the one open request. */
function changeAvailability(row: TenantTableRow, may: Permitted): ChangeAvailability {
  if (!row.monitoringGatewayEnabled) return { kind: 'gateway_disabled', accountRepEmail: row.accountRepEmail, enableYourself: may.enableGateway };
  if (!may.request) return { kind: 'not_permitted' };
  if (row.openRequest) return { kind: 'request_open', requestId: row.openRequest.id, status: row.openRequest.status };
  return { kind: 'allowed' };
}
