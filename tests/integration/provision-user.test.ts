import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roleMappings, users } from '@/db/schema';
import { loadCaller } from '@/lib/auth/load-caller';
import { provisionUser } from '@/lib/auth/provision-user';
import type { SsoIdentity } from '@/lib/auth/sso-identity';
import { getUserByEmail, setUserPreferences } from '@/lib/data/users';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

const NOW = new Date('2030-05-01T09:00:00Z');

const ISSUER = 'https://idp.example';

/** Each e-mail is its own IdP account (subject) unless a test says otherwise. */
const identity = (overrides: Partial<SsoIdentity>): SsoIdentity => {
  const email = overrides.email === undefined ? 'newcomer@classics.example' : overrides.email;
  return {
    issuer: ISSUER,
    subject: `subject-of-${email}`,
    email,
    emailVerified: true,
    name: 'A Newcomer',
    groups: ['sspm-viewer'],
    tenantId: 'classics',
    locale: null,
    ...overrides,
  };
};

describe.each(BACKENDS)('provisioning users at SSO sign-in on %s', (backend) => {
  let database: TestDatabase;
  const countUsers = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    // resetTestDatabase may or may not restore the role mapping; this suite's own group must not linger.
    await database.db.delete(roleMappings).where(eq(roleMappings.group, 'unrelated-group'));
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('creates a new user with e-mail, name, home tenant, groups and the sign-in time', async () => {
    const result = await provisionUser(database.db, identity({}), NOW);
    expect(result.ok).toBe(true);
    const row = await getUserByEmail(database.db, 'newcomer@classics.example');
    expect(row).toMatchObject({ name: 'A Newcomer', homeTenantId: 'classics', groups: ['sspm-viewer'], lastSignInAt: NOW });
    const caller = await loadCaller(database.db, 'newcomer@classics.example');
    expect(caller?.scope).toEqual({ kind: 'tree', homeTenantId: 'classics' });
  });

  it('updates an existing user not yet bound to a subject, matched by e-mail without regard to case, instead of adding a second row', async () => {
    const before = await countUsers();
    const result = await provisionUser(
      database.db,
      identity({ email: 'PERCY@classics.example', name: 'Sir Percy', groups: ['sspm-viewer'], tenantId: 'league' }),
      NOW,
    );
    expect(result.ok).toBe(true);
    expect(await countUsers()).toBe(before);
    const row = await getUserByEmail(database.db, 'percy@classics.example');
    expect(row).toMatchObject({ email: 'percy@classics.example', name: 'Sir Percy', homeTenantId: 'league', groups: ['sspm-viewer'], lastSignInAt: NOW });
  });

  it("takes the identity provider's locale claim as the language at first sign-in, and never over the user's own choice", async () => {
    expect((await provisionUser(database.db, identity({ locale: 'pt-BR' }), NOW)).ok).toBe(true);
    expect((await getUserByEmail(database.db, 'newcomer@classics.example'))?.locale).toBe('pt-BR');
    await setUserPreferences(database.db, (await getUserByEmail(database.db, 'newcomer@classics.example'))!.id, { locale: 'en' });
    expect((await provisionUser(database.db, identity({ locale: 'pt-BR' }), NOW)).ok).toBe(true);
    expect((await getUserByEmail(database.db, 'newcomer@classics.example'))?.locale).toBe('en');
  });

  it('leaves one row when two first sign-ins of the same person race', async () => {
    const before = await countUsers();
    const results = await Promise.all([1, 2, 3].map(() => provisionUser(database.db, identity({}), NOW)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await countUsers()).toBe(before + 1);
  });

  it('lets Account Representatives and Network Operations in without a home tenant', async () => {
    for (const [email, group] of [['rep2@ops.example', 'sspm-account-rep'], ['netops2@ops.example', 'sspm-network-ops']] as const) {
      const result = await provisionUser(database.db, identity({ email, groups: [group], tenantId: null }), NOW);
      expect(result.ok).toBe(true);
      expect((await getUserByEmail(database.db, email))?.homeTenantId).toBeNull();
    }
  });

  it('refuses groups that map to no permission, and creates no row', async () => {
    const before = await countUsers();
    const result = await provisionUser(database.db, identity({ groups: ['unrelated-group'] }), NOW);
    expect(result).toEqual({ ok: false, reason: 'no_access' });
    expect(await countUsers()).toBe(before);
  });

  it('reads the role mapping as it is now: a group mapped by a rep lets the same person in', async () => {
    await database.db.insert(roleMappings).values({ group: 'unrelated-group', permissions: ['monitoring_gateway:view', 'sspm:view'] });
    const result = await provisionUser(database.db, identity({ groups: ['unrelated-group'] }), NOW);
    expect(result.ok).toBe(true);
  });

  it('refuses a partner user without a tenant claim, and one whose tenant does not exist', async () => {
    expect(await provisionUser(database.db, identity({ tenantId: null }), NOW)).toEqual({ ok: false, reason: 'no_tenant' });
    expect(await provisionUser(database.db, identity({ tenantId: 'atlantis' }), NOW)).toEqual({ ok: false, reason: 'unknown_tenant' });
    expect(await getUserByEmail(database.db, 'newcomer@classics.example')).toBeNull();
  });

  it('refuses a tenant claim naming no tenant even for an Account Representative', async () => {
    const result = await provisionUser(database.db, identity({ email: 'rep@ops.example', groups: ['sspm-account-rep'], tenantId: 'atlantis' }), NOW);
    expect(result).toEqual({ ok: false, reason: 'unknown_tenant' });
  });

  it('issue 8 item 5: a refused sign-in writes nothing, not even to the user it names', async () => {
    const result = await provisionUser(database.db, identity({ email: 'percy@classics.example', groups: ['unrelated-group'] }), NOW);
    expect(result).toEqual({ ok: false, reason: 'no_access' });
    const caller = await loadCaller(database.db, 'percy@classics.example');
    expect(caller?.groups).toEqual(['sspm-requester']);
    expect(caller?.permissions.has('sspm:create')).toBe(true);
    expect(await getUserByEmail(database.db, 'percy@classics.example')).toMatchObject({ lastSignInAt: null, oidcSubject: null });
  });

  it('refuses a partner user whose tenant claim names no tenant, and leaves their row as it was', async () => {
    const result = await provisionUser(database.db, identity({ email: 'athos@musketeers.example', groups: ['sspm-requester'], tenantId: 'atlantis' }), NOW);
    expect(result).toEqual({ ok: false, reason: 'unknown_tenant' });
    const caller = await loadCaller(database.db, 'athos@musketeers.example');
    expect(caller?.homeTenantId).toBe('musketeers');
  });

  it('issue 8 item 5: binds a user to the IdP\'s issuer and subject at the first sign-in', async () => {
    expect((await provisionUser(database.db, identity({ email: 'percy@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW)).ok).toBe(true);
    expect(await getUserByEmail(database.db, 'percy@classics.example')).toMatchObject({ oidcIssuer: ISSUER, oidcSubject: 'percy-sub' });
  });

  it('issue 8 item 5: refuses a second subject presenting Percy\'s e-mail (identity_conflict), and Percy is untouched', async () => {
    await provisionUser(database.db, identity({ email: 'percy@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW);
    const before = await getUserByEmail(database.db, 'percy@classics.example');
    const result = await provisionUser(
      database.db,
      identity({ email: 'percy@classics.example', subject: 'impostor-sub', groups: ['sspm-viewer'], name: 'Impostor' }),
      new Date(NOW.getTime() + 60_000),
    );
    expect(result).toEqual({ ok: false, reason: 'identity_conflict' });
    expect(await getUserByEmail(database.db, 'percy@classics.example')).toEqual(before);
    expect((await loadCaller(database.db, 'percy@classics.example'))?.permissions.has('sspm:create')).toBe(true);
  });

  it('issue 8 item 5: a known subject keeps its row when its e-mail changes at the IdP', async () => {
    await provisionUser(database.db, identity({ email: 'percy@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW);
    const before = await countUsers();
    const result = await provisionUser(database.db, identity({ email: 'sir.percy@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW);
    expect(result.ok).toBe(true);
    expect(await countUsers()).toBe(before);
    expect(await getUserByEmail(database.db, 'percy@classics.example')).toBeNull();
    expect(await getUserByEmail(database.db, 'sir.percy@classics.example')).toMatchObject({ oidcSubject: 'percy-sub' });
  });

  it('issue 8 item 5: a known subject may not take an e-mail another user holds', async () => {
    await provisionUser(database.db, identity({ email: 'percy@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW);
    const result = await provisionUser(database.db, identity({ email: 'marguerite@classics.example', subject: 'percy-sub', groups: ['sspm-requester'] }), NOW);
    expect(result).toEqual({ ok: false, reason: 'identity_conflict' });
    expect((await getUserByEmail(database.db, 'marguerite@classics.example'))?.groups).toEqual(['sspm-viewer']);
  });

  it('issue 8 item 3: refuses a partner user whose groups make them an Account Representative', async () => {
    const before = await countUsers();
    const result = await provisionUser(database.db, identity({ groups: ['sspm-requester', 'sspm-account-rep'], tenantId: 'classics' }), NOW);
    expect(result).toEqual({ ok: false, reason: 'partner_account_rep' });
    expect(await countUsers()).toBe(before);
  });

  it('refuses an identity without a subject', async () => {
    expect(await provisionUser(database.db, identity({ subject: null }), NOW)).toEqual({ ok: false, reason: 'missing_subject' });
  });

  it('refuses a missing e-mail, and an unverified one without touching the user it names', async () => {
    expect(await provisionUser(database.db, identity({ email: null }), NOW)).toEqual({ ok: false, reason: 'missing_email' });
    const result = await provisionUser(
      database.db,
      identity({ email: 'percy@classics.example', emailVerified: false, groups: ['sspm-account-rep'], tenantId: null }),
      NOW,
    );
    expect(result).toEqual({ ok: false, reason: 'unverified_email' });
    expect((await getUserByEmail(database.db, 'percy@classics.example'))?.groups).toEqual(['sspm-requester']);
  });
});
