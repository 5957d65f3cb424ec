import { describe, expect, it } from 'vitest';
import {
  type Permission,
  type RoleMapping,
  canRequestChanges,
  canViewPorts,
  isAccountRep,
  isNetworkOps,
  resolvePermissions,
} from '@/lib/auth/permissions';

/** SPEC §3's default mapping. */
const DEFAULT_MAPPING: RoleMapping[] = [
  { group: 'sspm-viewer', permissions: ['monitoring_gateway:view', 'sspm:view'] },
  { group: 'sspm-requester', permissions: ['monitoring_gateway:view', 'sspm:view', 'sspm:create'] },
  { group: 'sspm-account-rep', permissions: ['account_rep'] },
  { group: 'sspm-network-ops', permissions: ['network_ops'] },
];

const caller = (...permissions: Permission[]) => ({ permissions: new Set(permissions) });
const granted = (groups: string[], mappings = DEFAULT_MAPPING) => [...resolvePermissions(groups, mappings)].sort();

describe('resolvePermissions', () => {
  it('grants a requester (Percy) view and create', () => {
    expect(granted(['sspm-requester'])).toEqual(['monitoring_gateway:view', 'sspm:create', 'sspm:view']);
  });

  it('grants a viewer (Marguerite) view only', () => {
    expect(granted(['sspm-viewer'])).toEqual(['monitoring_gateway:view', 'sspm:view']);
  });

  it('grants the union of every group the user belongs to, once each', () => {
    expect(granted(['sspm-viewer', 'sspm-requester', 'sspm-network-ops'])).toEqual([
      'monitoring_gateway:view',
      'network_ops',
      'sspm:create',
      'sspm:view',
    ]);
  });

  it('grants nothing for unknown groups or no groups', () => {
    expect(granted(['marketing', 'admins'])).toEqual([]);
    expect(granted([])).toEqual([]);
  });

  it('matches group names exactly, without case folding', () => {
    expect(granted(['SSPM-Requester', 'sspm-requester '])).toEqual([]);
  });

  it('ignores unknown permission names in a mapping', () => {
    const mappings: RoleMapping[] = [{ group: 'g', permissions: ['sspm:view', 'sspm:delete-everything', 'ACCOUNT_REP'] }];
    expect(granted(['g'], mappings)).toEqual(['sspm:view']);
  });

  it('grants through every mapping row of the same group', () => {
    const mappings: RoleMapping[] = [
      { group: 'g', permissions: ['monitoring_gateway:view'] },
      { group: 'g', permissions: ['sspm:create'] },
    ];
    expect(granted(['g'], mappings)).toEqual(['monitoring_gateway:view', 'sspm:create']);
  });
});

describe('canViewPorts', () => {
  it('lets a caller with monitoring_gateway:view and sspm:view see limits and requests', () => {
    expect(canViewPorts(caller('monitoring_gateway:view', 'sspm:view'))).toBe(true);
  });

  it('requires monitoring_gateway:view as well as sspm:view', () => {
    expect(canViewPorts(caller('sspm:view'))).toBe(false);
    expect(canViewPorts(caller('sspm:view', 'sspm:create'))).toBe(false);
  });

  it('requires sspm:view as well as monitoring_gateway:view', () => {
    expect(canViewPorts(caller('monitoring_gateway:view'))).toBe(false);
    expect(canViewPorts(caller('monitoring_gateway:view', 'sspm:create'))).toBe(false);
  });

  it('lets an account representative see everything', () => {
    expect(canViewPorts(caller('account_rep'))).toBe(true);
  });

  it('does not let network operations alone see ports', () => {
    expect(canViewPorts(caller('network_ops'))).toBe(false);
    expect(canViewPorts(caller())).toBe(false);
  });
});

describe('canRequestChanges', () => {
  it('lets a caller with monitoring_gateway:view and sspm:create request changes', () => {
    expect(canRequestChanges(caller('monitoring_gateway:view', 'sspm:create'))).toBe(true);
    expect(canRequestChanges({ permissions: resolvePermissions(['sspm-requester'], DEFAULT_MAPPING) })).toBe(true);
  });

  it('refuses a viewer without sspm:create', () => {
    expect(canRequestChanges({ permissions: resolvePermissions(['sspm-viewer'], DEFAULT_MAPPING) })).toBe(false);
  });

  it('requires monitoring_gateway:view as well as sspm:create', () => {
    expect(canRequestChanges(caller('sspm:create', 'sspm:view'))).toBe(false);
  });

  it('does not let an account representative or network operations request changes by that role alone', () => {
    expect(canRequestChanges(caller('account_rep'))).toBe(false);
    expect(canRequestChanges(caller('network_ops'))).toBe(false);
  });
});

describe('isAccountRep and isNetworkOps', () => {
  it('recognises an account representative only by account_rep', () => {
    expect(isAccountRep(caller('account_rep'))).toBe(true);
    expect(isAccountRep(caller('network_ops', 'monitoring_gateway:view', 'sspm:view', 'sspm:create'))).toBe(false);
  });

  it('recognises network operations only by network_ops', () => {
    expect(isNetworkOps(caller('network_ops'))).toBe(true);
    expect(isNetworkOps(caller('account_rep'))).toBe(false);
  });
});
