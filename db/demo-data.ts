import type { tenants, users } from './schema';

/** The demo's monthly price of one concurrent port, in cents of PORT_PRICE_CURRENCY (12.50). */
export const DEMO_PORT_PRICE_CENTS = 1250;

// A second partner with many customers, so that the tenant table's search, sort, filters and pages can
// be seen (issue 12). Its customers are a town and a trade: 15 × 10 = 150, the same on every seed.
const NAUTILUS_TOWNS = ['Aberdeen', 'Bordeaux', 'Cork', 'Dundee', 'Eindhoven', 'Faro', 'Ghent', 'Hamburg', 'Innsbruck', 'Lyon', 'Malmö', 'Nantes', 'Porto', 'Seville', 'Turin'];
const NAUTILUS_TRADES = ['Dental Care', 'Freight', 'Insurance Brokers', 'Lettings', 'Veterinary Clinics', 'Travel', 'Energy', 'Home Care', 'Legal Services', 'Car Rental'];

function nautilusCustomers(): Omit<typeof tenants.$inferInsert, 'accountRepEmail'>[] {
  return NAUTILUS_TOWNS.flatMap((town, t) =>
    NAUTILUS_TRADES.map((trade, k) => {
      const i = t * NAUTILUS_TRADES.length + k;
      const personalConnectionEnabled = i % 3 === 0;
      const concurrent = 20 + ((i * 37) % 480);
      const slug = (words: string) => words.normalize('NFD').replace(/[^A-Za-z ]/g, '').toLowerCase().replace(/ +/g, '-');
      return {
        id: `${slug(town)}-${slug(trade)}`,
        name: `${town} ${trade}`,
        parentId: 'nautilus',
        personalConnectionEnabled,
        // A few without Monitoring Gateway, as Gascony: their ports cannot be changed here.
        monitoringGatewayEnabled: i % 25 !== 7,
        concurrent,
        outbound: personalConnectionEnabled ? Math.floor(concurrent / 2) : 0,
        agentless: personalConnectionEnabled ? Math.floor(concurrent / 5) : 0,
      };
    }),
  );
}

/** SPEC §4: the demo tenants and users, seeded for development, tests and the embedded default. */
export const DEMO_TENANTS: (typeof tenants.$inferInsert)[] = [
  { id: 'classics', name: 'Classics, Inc.', parentId: null, personalConnectionEnabled: true, concurrent: 200, outbound: 100, agentless: 50 },
  { id: 'league', name: 'The League of the Scarlet Pimpernel', parentId: 'classics', personalConnectionEnabled: true, concurrent: 150, outbound: 80, agentless: 40 },
  { id: 'blakeney', name: 'Blakeney Shipping', parentId: 'classics', personalConnectionEnabled: false, concurrent: 50, outbound: 0, agentless: 0 },
  { id: 'musketeers', name: 'Musketeers Ltd', parentId: null, personalConnectionEnabled: true, concurrent: 300, outbound: 150, agentless: 60 },
  { id: 'gascony', name: 'Gascony Wines', parentId: 'musketeers', personalConnectionEnabled: false, monitoringGatewayEnabled: false, concurrent: 40, outbound: 0, agentless: 0 },
  { id: 'nautilus', name: 'Nautilus Contact Centres', parentId: null, personalConnectionEnabled: true, concurrent: 2000, outbound: 900, agentless: 300 },
  ...nautilusCustomers(),
].map((tenant) => ({ monitoringGatewayEnabled: true, accountRepEmail: 'rep@ops.example', ...tenant }));

/** The demo's service user for `npm run usage:feed`: no home tenant, only the usage feed's group. */
export const USAGE_FEED_EMAIL = 'feed@ops.example';

export const DEMO_USERS: (typeof users.$inferInsert)[] = [
  { email: 'percy@classics.example', name: 'Percy Blakeney', homeTenantId: 'classics', groups: ['sspm-requester'] },
  { email: 'marguerite@classics.example', name: 'Marguerite Blakeney', homeTenantId: 'classics', groups: ['sspm-viewer'] },
  { email: 'athos@musketeers.example', name: 'Athos', homeTenantId: 'musketeers', groups: ['sspm-requester'] },
  { email: 'dana@nautilus.example', name: 'Dana Aronnax', homeTenantId: 'nautilus', groups: ['sspm-requester'] },
  { email: 'rep@ops.example', name: 'Account Representative', homeTenantId: null, groups: ['sspm-account-rep'] },
  { email: 'netops@ops.example', name: 'Network Operations', homeTenantId: null, groups: ['sspm-network-ops'] },
  { email: USAGE_FEED_EMAIL, name: 'Usage feed', homeTenantId: null, groups: ['sspm-usage-feed'] },
];
