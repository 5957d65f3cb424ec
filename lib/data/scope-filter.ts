import { type AnyColumn, type SQL, inArray, sql } from 'drizzle-orm';
import type { TenantScope } from '@/lib/auth/scope';

/** The tenant filter every scoped query puts in its WHERE clause (never a filter after the fetch). */
export function inScope(scope: TenantScope, tenantColumn: AnyColumn): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.tenantIds.length === 0) return sql`false`;
  return inArray(tenantColumn, [...scope.tenantIds]);
}
