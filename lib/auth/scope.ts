/**
 * Which tenants a caller may act on. Reps work across all partners; a partner user works on its
 * home tenant and that tenant's customers, never on another partner's tree. The tree is named by
 * its root, and the database resolves it inside each query (lib/data/scope-filter.ts), so that a
 * partner with a thousand customers costs no more per request than one with three.
 */
export type TenantScope = { kind: 'all' } | { kind: 'tree'; homeTenantId: string } | { kind: 'none' };

export const NO_TENANTS: TenantScope = { kind: 'none' };
