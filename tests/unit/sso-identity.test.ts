import { describe, expect, it } from 'vitest';
import { identityFromClaims } from '@/lib/auth/sso-identity';

const DEFAULT_NAMES = { groups: 'groups', tenant: 'tenant' };
const ISSUER = 'https://idp.example';
const OPTIONS = { issuer: ISSUER };

describe('identityFromClaims (the OIDC profile mapping)', () => {
  it('reads e-mail, name, groups and tenant from the default claims', () => {
    expect(
      identityFromClaims(
        { sub: 'x', email: 'Percy@Classics.example', email_verified: true, name: 'Percy Blakeney', groups: ['sspm-requester'], tenant: 'classics' },
        DEFAULT_NAMES,
        OPTIONS,
      ),
    ).toEqual({ issuer: ISSUER, subject: 'x', email: 'percy@classics.example', emailVerified: true, name: 'Percy Blakeney', groups: ['sspm-requester'], tenantId: 'classics', locale: null });
  });

  it('reads the OIDC locale claim as a language SSPM speaks (pt-BR, pt_BR, pt → pt-BR; en-GB → en), and ignores any other', () => {
    const localeOf = (locale: unknown) => identityFromClaims({ sub: 'x', locale }, DEFAULT_NAMES, OPTIONS).locale;
    expect([localeOf('pt-BR'), localeOf('pt_BR'), localeOf('pt'), localeOf('en-GB'), localeOf('fr-FR'), localeOf(42), localeOf(undefined)]).toEqual([
      'pt-BR',
      'pt-BR',
      'pt-BR',
      'en',
      null,
      null,
      null,
    ]);
  });

  it('reads the claims named by AUTH_GROUPS_CLAIM and AUTH_TENANT_CLAIM, including namespaced URLs with dots', () => {
    const identity = identityFromClaims(
      { email: 'a@b.example', 'https://sspm.example.com/groups': ['sspm-viewer'], 'https://sspm.example.com/tenant': 'league', groups: ['ignored'] },
      { groups: 'https://sspm.example.com/groups', tenant: 'https://sspm.example.com/tenant' },
      OPTIONS,
    );
    expect(identity.groups).toEqual(['sspm-viewer']);
    expect(identity.tenantId).toBe('league');
  });

  it('takes a lone string as one group, drops empty names, duplicates and non-strings', () => {
    expect(identityFromClaims({ groups: 'sspm-viewer' }, DEFAULT_NAMES, OPTIONS).groups).toEqual(['sspm-viewer']);
    expect(identityFromClaims({ groups: ['sspm-viewer', '', 'sspm-viewer', 7, null] }, DEFAULT_NAMES, OPTIONS).groups).toEqual(['sspm-viewer']);
    expect(identityFromClaims({}, DEFAULT_NAMES, OPTIONS).groups).toEqual([]);
  });

  it('has no tenant when the claim is missing, blank or not a string', () => {
    expect(identityFromClaims({}, DEFAULT_NAMES, OPTIONS).tenantId).toBeNull();
    expect(identityFromClaims({ tenant: '  ' }, DEFAULT_NAMES, OPTIONS).tenantId).toBeNull();
    expect(identityFromClaims({ tenant: ['classics'] }, DEFAULT_NAMES, OPTIONS).tenantId).toBeNull();
  });

  it('issue 8 item 5: matches group names exactly, so " sspm-account-rep" is not trimmed into the privileged group', () => {
    expect(identityFromClaims({ groups: [' sspm-account-rep', 'sspm-account-rep\t'] }, DEFAULT_NAMES, OPTIONS).groups).toEqual([
      ' sspm-account-rep',
      'sspm-account-rep\t',
    ]);
  });

  it('issue 8 item 5: counts an e-mail as verified only when email_verified is the boolean true', () => {
    expect(identityFromClaims({ email: 'a@b.example', email_verified: true }, DEFAULT_NAMES, OPTIONS).emailVerified).toBe(true);
    expect(identityFromClaims({ email: 'a@b.example' }, DEFAULT_NAMES, OPTIONS).emailVerified).toBe(false);
    expect(identityFromClaims({ email: 'a@b.example', email_verified: 'true' }, DEFAULT_NAMES, OPTIONS).emailVerified).toBe(false);
    expect(identityFromClaims({ email: 'a@b.example', email_verified: false }, DEFAULT_NAMES, OPTIONS).emailVerified).toBe(false);
  });

  it('issue 8 item 5: with AUTH_OIDC_TRUST_UNVERIFIED_EMAIL trusts a missing email_verified (Entra ID), never an explicit false', () => {
    const trusting = { issuer: ISSUER, trustMissingEmailVerified: true };
    expect(identityFromClaims({ email: 'a@b.example' }, DEFAULT_NAMES, trusting).emailVerified).toBe(true);
    expect(identityFromClaims({ email: 'a@b.example', email_verified: false }, DEFAULT_NAMES, trusting).emailVerified).toBe(false);
  });

  it('issue 8 item 5: identifies the user by the token\'s issuer and subject', () => {
    const identity = identityFromClaims({ iss: 'https://other.example', sub: 'abc' }, DEFAULT_NAMES, OPTIONS);
    expect({ issuer: identity.issuer, subject: identity.subject }).toEqual({ issuer: 'https://other.example', subject: 'abc' });
    expect(identityFromClaims({}, DEFAULT_NAMES, OPTIONS).subject).toBeNull();
  });

  it('builds a name from given and family names, then the e-mail, when there is no name claim', () => {
    expect(identityFromClaims({ given_name: 'Marguerite', family_name: 'Blakeney' }, DEFAULT_NAMES, OPTIONS).name).toBe('Marguerite Blakeney');
    expect(identityFromClaims({ email: 'athos@musketeers.example' }, DEFAULT_NAMES, OPTIONS).name).toBe('athos@musketeers.example');
    expect(identityFromClaims({ email: '' }, DEFAULT_NAMES, OPTIONS).email).toBeNull();
  });
});
