import type { tenants, users } from './schema';

/** SPEC §4: the demo tenants and users, seeded for development, tests and the embedded default. */
export const DEMO_TENANTS: (typeof tenants.$inferInsert)[] = [
  { id: 'classics', name: 'Classics, Inc.', parentId: null, personalConnectionEnabled: true, concurrent: 200, outbound: 100, agentless: 50 },
  { id: 'league', name: 'The League of the Scarlet Pimpernel', parentId: 'classics', personalConnectionEnabled: true, concurrent: 150, outbound: 80, agentless: 40 },
  { id: 'blakeney', name: 'Blakeney Shipping', parentId: 'classics', personalConnectionEnabled: false, concurrent: 50, outbound: 0, agentless: 0 },
  { id: 'musketeers', name: 'Musketeers Ltd', parentId: null, personalConnectionEnabled: true, concurrent: 300, outbound: 150, agentless: 60 },
  { id: 'gascony', name: 'Gascony Wines', parentId: 'musketeers', personalConnectionEnabled: false, monitoringGatewayEnabled: false, concurrent: 40, outbound: 0, agentless: 0 },
].map((tenant) => ({ monitoringGatewayEnabled: true, accountRepEmail: 'rep@ops.example', ...tenant }));

export const DEMO_USERS: (typeof users.$inferInsert)[] = [
  { email: 'percy@classics.example', name: 'Percy Blakeney', homeTenantId: 'classics', groups: ['sspm-requester'] },
  { email: 'marguerite@classics.example', name: 'Marguerite Blakeney', homeTenantId: 'classics', groups: ['sspm-viewer'] },
  { email: 'athos@musketeers.example', name: 'Athos', homeTenantId: 'musketeers', groups: ['sspm-requester'] },
  { email: 'rep@ops.example', name: 'Account Representative', homeTenantId: null, groups: ['sspm-account-rep'] },
  { email: 'netops@ops.example', name: 'Network Operations', homeTenantId: null, groups: ['sspm-network-ops'] },
];
