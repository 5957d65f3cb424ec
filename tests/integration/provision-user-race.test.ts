import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema';
import { provisionUser } from '@/lib/auth/provision-user';
import type { SsoIdentity } from '@/lib/auth/sso-identity';
import { getUserBySubject } from '@/lib/data/users';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { freshDatabaseEachTest } from '../support/use-case-context';

// provisionUser reads the user by subject and by e-mail at once, on two connections with two
// snapshots. A racing first sign-in of the same person can commit its row between them: the read
// by subject misses it, the read by e-mail finds it. Here the read by subject is made to miss it, as
// it did on a loaded machine (6 of 1,000 rounds of three simultaneous first sign-ins were refused).
vi.mock('@/lib/data/users', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/data/users')>();
  return { ...actual, getUserBySubject: vi.fn(actual.getUserBySubject) };
});

const NOW = new Date('2030-05-01T09:00:00Z');
const NEWCOMER: SsoIdentity = {
  issuer: 'https://idp.example',
  subject: 'subject-of-newcomer',
  email: 'newcomer@classics.example',
  emailVerified: true,
  name: 'A Newcomer',
  groups: ['sspm-viewer'],
  tenantId: 'classics',
  locale: null,
};

describe.each(BACKENDS)('a first sign-in racing another of the same person, on %s', (backend) => {
  let database: TestDatabase;
  freshDatabaseEachTest(backend, (fresh) => {
    database = fresh;
  });
  const countUsers = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

  it('takes the row bound to its own subject, which only its read by e-mail saw, as its own: signed in, one row', async () => {
    const first = await provisionUser(database.db, NEWCOMER, NOW);
    if (!first.ok) throw new Error(`the first sign-in was refused: ${first.reason}`);
    const count = await countUsers();

    // The read by subject was taken before the first sign-in's commit.
    vi.mocked(getUserBySubject).mockResolvedValueOnce(null);
    const second = await provisionUser(database.db, { ...NEWCOMER, name: 'Newcomer, Again' }, NOW);

    expect(second).toMatchObject({ ok: true, user: { id: first.user.id, name: 'Newcomer, Again' } });
    expect(await countUsers()).toBe(count);
  });

  it('still refuses an e-mail bound to another subject (identity_conflict)', async () => {
    expect((await provisionUser(database.db, NEWCOMER, NOW)).ok).toBe(true);
    vi.mocked(getUserBySubject).mockResolvedValueOnce(null);
    expect(await provisionUser(database.db, { ...NEWCOMER, subject: 'someone-else' }, NOW)).toEqual({ ok: false, reason: 'identity_conflict' });
  });
});
