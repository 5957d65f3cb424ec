import 'server-only';
import type { Executor } from '@/db/client';
import { type CallerRecord, findCallerByEmail, findSessionCaller } from '@/lib/data/callers';
import { isLocale, isTimeZone } from '@/lib/i18n/locales';
import type { Caller } from './caller';
import { type Permission, resolvePermissions } from './permissions';
import { NO_TENANTS, type TenantScope } from './scope';

/**
 * Turns what the database says into the caller every entry point sees. Permissions are resolved
 * from the role mapping of this moment, so a changed mapping or a removed group takes effect at once.
 *
 * Separation of duties (SPEC §3): a partner user (one with a home tenant) never holds account_rep,
 * whatever their groups say: sign-in and the access page refuse the combination, and should it
 * arise all the same (a mapping edited in the database), the user stays a partner user confined to
 * their own tree rather than gaining every partner's tenants.
 */
export function toCaller(record: CallerRecord): Caller {
  const permissions: Set<Permission> = resolvePermissions(record.groups, record.mappings);
  if (record.homeTenantId) permissions.delete('account_rep');
  let scope: TenantScope = NO_TENANTS;
  if (permissions.has('account_rep')) scope = { kind: 'all' };
  else if (record.homeTenantId) scope = { kind: 'tree', homeTenantId: record.homeTenantId };
  return {
    userId: record.userId,
    email: record.email,
    name: record.name,
    homeTenantId: record.homeTenantId,
    groups: record.groups,
    permissions,
    scope,
    locale: isLocale(record.locale) ? record.locale : null,
    timeZone: isTimeZone(record.timeZone) ? record.timeZone : null,
  };
}

/** The caller of a live server-side session; null once it has ended or expired. */
export async function loadSessionCaller(db: Executor, sessionId: string, now: Date): Promise<Caller | null> {
  const record = await findSessionCaller(db, sessionId, now);
  return record ? toCaller(record) : null;
}

/** By e-mail, without any credential: for scripts, benchmarks and tests. */
export async function loadCaller(db: Executor, email: string): Promise<Caller | null> {
  const record = await findCallerByEmail(db, email);
  return record ? toCaller(record) : null;
}
