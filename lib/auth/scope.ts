/**
 * Which tenants a caller may act on. Reps work across all partners; a partner user works on its
 * home tenant and that tenant's customers, never on another partner's tree.
 */
export type TenantScope = { kind: 'all' } | { kind: 'tenants'; tenantIds: readonly string[] };

export const NO_TENANTS: TenantScope = { kind: 'tenants', tenantIds: [] };
