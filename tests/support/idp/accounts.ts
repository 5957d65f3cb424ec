import { DEMO_USERS } from '../../../db/demo-data';

/** A person the local identity provider knows; every one signs in with the password `demo`. */
export type IdpAccount = { email: string; name: string; groups: string[]; tenant?: string };

export const IDP_PASSWORD = 'demo';

/**
 * SPEC §4's demo users, plus people who exist only in this development IdP to exercise the
 * refusals: groups that map to nothing, and tenants SSPM does not know or is not told.
 */
export const IDP_ACCOUNTS: readonly IdpAccount[] = [
  ...DEMO_USERS.map((user) => ({
    email: user.email,
    name: user.name,
    groups: user.groups ?? [],
    ...(user.homeTenantId ? { tenant: user.homeTenantId } : {}),
  })),
  { email: 'nobody@classics.example', name: 'Nobody in Particular', groups: ['unrelated-group'], tenant: 'classics' },
  { email: 'stranger@atlantis.example', name: 'A Stranger', groups: ['sspm-requester'], tenant: 'atlantis' },
  { email: 'drifter@classics.example', name: 'A Drifter', groups: ['sspm-requester'] },
];

export function findIdpAccount(email: string): IdpAccount | undefined {
  const wanted = email.trim().toLowerCase();
  return IDP_ACCOUNTS.find((account) => account.email === wanted);
}
