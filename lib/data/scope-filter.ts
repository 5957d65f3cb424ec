import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { TenantScope } from '@/lib/auth/scope';

/**
 * The tenant filter every scoped query puts in its WHERE clause (never a filter after the fetch).
 * A partner's tree is a subquery on its root (tenants_parent_idx), not a list of ids sent with each
 * query: a list of a thousand customers cost more to build, send and plan than the query itself.
 */
export function inScope(scope: TenantScope, tenantColumn: AnyColumn): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'tree':
      return sql`${tenantColumn} in (select ${tenants.id} from ${tenants} where ${tenants.id} = ${scope.homeTenantId} or ${tenants.parentId} = ${scope.homeTenantId})`;
  }
}
