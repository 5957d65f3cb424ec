import { describe, expect, it } from 'vitest';
import { identityFromClaims } from '@/lib/auth/sso-identity';

const DEFAULT_NAMES = { groups: 'groups', tenant: 'tenant' };

describe('identityFromClaims (the OIDC profile mapping)', () => {
  it('reads e-mail, name, groups and tenant from the default claims', () => {
    expect(
      identityFromClaims(
        { sub: 'x', email: 'Percy@Classics.example', email_verified: true, name: 'Percy Blakeney', groups: ['sspm-requester'], tenant: 'classics' },
        DEFAULT_NAMES,
      ),
    ).toEqual({ email: 'percy@classics.example', emailVerified: true, name: 'Percy Blakeney', groups: ['sspm-requester'], tenantId: 'classics' });
  });

  it('reads the claims named by AUTH_GROUPS_CLAIM and AUTH_TENANT_CLAIM, including namespaced URLs with dots', () => {
    const identity = identityFromClaims(
      { email: 'a@b.example', 'https://sspm.example.com/groups': ['sspm-viewer'], 'https://sspm.example.com/tenant': 'league', groups: ['ignored'] },
      { groups: 'https://sspm.example.com/groups', tenant: 'https://sspm.example.com/tenant' },
    );
    expect(identity.groups).toEqual(['sspm-viewer']);
    expect(identity.tenantId).toBe('league');
  });

  it('takes a lone string as one group, drops blanks, duplicates and non-strings', () => {
    expect(identityFromClaims({ groups: 'sspm-viewer' }, DEFAULT_NAMES).groups).toEqual(['sspm-viewer']);
    expect(identityFromClaims({ groups: [' sspm-viewer ', '', 'sspm-viewer', 7, null] }, DEFAULT_NAMES).groups).toEqual(['sspm-viewer']);
    expect(identityFromClaims({}, DEFAULT_NAMES).groups).toEqual([]);
  });

  it('has no tenant when the claim is missing, blank or not a string', () => {
    expect(identityFromClaims({}, DEFAULT_NAMES).tenantId).toBeNull();
    expect(identityFromClaims({ tenant: '  ' }, DEFAULT_NAMES).tenantId).toBeNull();
    expect(identityFromClaims({ tenant: ['classics'] }, DEFAULT_NAMES).tenantId).toBeNull();
  });

  it('trusts the e-mail unless the IdP says it is not verified (Entra ID never sends email_verified)', () => {
    expect(identityFromClaims({ email: 'a@b.example' }, DEFAULT_NAMES).emailVerified).toBe(true);
    expect(identityFromClaims({ email: 'a@b.example', email_verified: false }, DEFAULT_NAMES).emailVerified).toBe(false);
    expect(identityFromClaims({ email: 'a@b.example', email_verified: 'false' }, DEFAULT_NAMES).emailVerified).toBe(false);
  });

  it('builds a name from given and family names, then the e-mail, when there is no name claim', () => {
    expect(identityFromClaims({ given_name: 'Marguerite', family_name: 'Blakeney' }, DEFAULT_NAMES).name).toBe('Marguerite Blakeney');
    expect(identityFromClaims({ email: 'athos@musketeers.example' }, DEFAULT_NAMES).name).toBe('athos@musketeers.example');
    expect(identityFromClaims({ email: '' }, DEFAULT_NAMES).email).toBeNull();
  });
});
