import { type Locale, supportedLocale } from '@/lib/i18n/locales';

/** Who the identity provider says signed in, read from the ID token's claims. Pure: no I/O here. */
export type SsoIdentity = {
  /** SPEC §3: the identity is (issuer, subject); everything below is an attribute of it. */
  issuer: string;
  subject: string | null;
  email: string | null;
  /** true only when the IdP says `email_verified: true` (or, when trusted, says nothing). */
  emailVerified: boolean;
  name: string;
  groups: string[];
  tenantId: string | null;
  /** The OIDC `locale` claim, when it names a language SSPM speaks: the first sign-in's choice. */
  locale: Locale | null;
};

export type ClaimNames = { groups: string; tenant: string };

export type ClaimOptions = {
  issuer: string;
  /** AUTH_OIDC_TRUST_UNVERIFIED_EMAIL: an IdP that never sends `email_verified` (Entra ID) is trusted. */
  trustMissingEmailVerified?: boolean;
};

/**
 * Maps ID-token claims to an identity. The claim names are configuration (AUTH_GROUPS_CLAIM,
 * AUTH_TENANT_CLAIM) and are read as plain keys, because Auth0's namespaced claims are URLs full of dots.
 */
export function identityFromClaims(claims: Record<string, unknown>, names: ClaimNames, options: ClaimOptions): SsoIdentity {
  const email = text(claims.email)?.toLowerCase() ?? null;
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const verified = claims.email_verified === true || (options.trustMissingEmailVerified === true && claims.email_verified === undefined);
  return {
    issuer: typeof claims.iss === 'string' && claims.iss !== '' ? claims.iss : options.issuer,
    subject: typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : null,
    email,
    emailVerified: verified,
    name: text(claims.name) ?? (fullName || email || 'Unnamed user'),
    groups: groupList(claims[names.groups]),
    tenantId: text(claims[names.tenant]),
    locale: supportedLocale(text(claims.locale)),
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * An array of names; a lone string is one group (some IdPs collapse one-element arrays). Names are
 * kept exactly as sent: " sspm-account-rep" is not trimmed into the privileged group.
 */
function groupList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  const names = values.filter((name): name is string => typeof name === 'string' && name !== '');
  return [...new Set(names)];
}
