import type { Transaction } from '@/db/client';
import type { ChangeRequestRow, TenantRow } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { getRequest, lockRequest } from '@/lib/data/requests';
import { lockTenant } from '@/lib/data/tenants';
import { AppError } from '@/lib/domain/errors';
import { requestIdSchema } from '@/lib/validation/request';

/** Anything that is not a request id names no request: not found, never a database cast error. */
export function isRequestId(value: string): boolean {
  return requestIdSchema.safeParse(value).success;
}

export function requestNotFound(): AppError {
  return new AppError('not_found', { what: 'request' });
}

/**
 * Locks a request and its tenant, always tenant first (as submission does), so that two use cases
 * on the same tenant queue instead of deadlocking. Out of the caller's scope reads as not found.
 */
export async function lockRequestWithTenant(
  tx: Transaction,
  caller: Caller,
  requestId: string,
): Promise<{ request: ChangeRequestRow; tenant: TenantRow }> {
  const seen = isRequestId(requestId) ? await getRequest(tx, caller.scope, requestId) : null;
  if (!seen) throw requestNotFound();
  const tenant = await lockTenant(tx, caller.scope, seen.tenantId);
  const request = await lockRequest(tx, caller.scope, requestId);
  if (!tenant || !request) throw requestNotFound();
  return { request, tenant };
}
