/** Permissions granted through the role mapping (SPEC §3). Pure: no I/O here. */
export const PERMISSIONS = [
  'monitoring_gateway:view',
  'sspm:view',
  'sspm:create',
  'account_rep',
  'network_ops',
  // The platform's metrics pipeline: may post usage samples (POST /api/v1/usage), nothing else.
  'usage:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type RoleMapping = { group: string; permissions: readonly string[] };

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** The union of what the user's groups map to; unknown groups and permissions grant nothing. */
export function resolvePermissions(groups: readonly string[], mappings: readonly RoleMapping[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const mapping of mappings) {
    if (!groups.includes(mapping.group)) continue;
    for (const permission of mapping.permissions) if (isPermission(permission)) granted.add(permission);
  }
  return granted;
}

type Holder = { permissions: ReadonlySet<Permission> };

export const isAccountRep = (caller: Holder) => caller.permissions.has('account_rep');
export const isNetworkOps = (caller: Holder) => caller.permissions.has('network_ops');

/** Seeing limits and requests: Monitoring Gateway view and SSPM view; reps see everything. */
export function canViewPorts(caller: Holder): boolean {
  if (isAccountRep(caller)) return true;
  return caller.permissions.has('monitoring_gateway:view') && caller.permissions.has('sspm:view');
}

/** Posting usage samples: a service user of the metrics pipeline (issue 13). */
export function canWriteUsage(caller: Holder): boolean {
  return caller.permissions.has('usage:write');
}

/**
 * Holding personal API tokens, which are for automation: partners' scripts (whoever may see or
 * request port changes) and the platform's usage feed (usage:write, whose only way in is a token).
 */
export function canHoldApiToken(caller: Holder): boolean {
  return canViewPorts(caller) || canRequestChanges(caller) || canWriteUsage(caller);
}

/** Requesting changes: Monitoring Gateway view and SSPM create. */
export function canRequestChanges(caller: Holder): boolean {
  return caller.permissions.has('monitoring_gateway:view') && caller.permissions.has('sspm:create');
}
