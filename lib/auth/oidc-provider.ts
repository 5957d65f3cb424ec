import type { OIDCConfig } from 'next-auth/providers';
import type { Env } from '@/lib/env';
import { identityFromClaims, type SsoIdentity } from './sso-identity';

declare module 'next-auth' {
  interface User {
    /** Set by the OIDC provider's profile(); the sign-in callback provisions the user from it. */
    sso?: SsoIdentity;
  }
}

export const OIDC_PROVIDER_ID = 'oidc';

/** Single sign-on is offered only when the issuer, client id and secret are all configured. */
export function isOidcConfigured(env: Env): boolean {
  return Boolean(env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET);
}

/**
 * The customer's identity provider (SPEC §3): authorization-code flow with PKCE, state and nonce. The
 * groups and home tenant are read from the ID token, so the IdP must put them there (README).
 */
export function oidcProvider(env: Env): OIDCConfig<Record<string, unknown>> | null {
  if (!isOidcConfigured(env)) return null;
  const names = { groups: env.AUTH_GROUPS_CLAIM, tenant: env.AUTH_TENANT_CLAIM };
  return {
    id: OIDC_PROVIDER_ID,
    name: 'Company SSO',
    type: 'oidc',
    issuer: env.AUTH_OIDC_ISSUER,
    clientId: env.AUTH_OIDC_ID,
    clientSecret: env.AUTH_OIDC_SECRET,
    // The nonce binds the ID token to this browser's sign-in, as PKCE binds the code.
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: env.AUTH_OIDC_SCOPE } },
    // A pure mapping (STYLE): writing the user happens in the sign-in callback, which may refuse.
    profile(claims) {
      const sso = identityFromClaims(claims, names, {
        issuer: env.AUTH_OIDC_ISSUER!,
        trustMissingEmailVerified: env.AUTH_OIDC_TRUST_UNVERIFIED_EMAIL,
      });
      return { id: sso.subject ?? undefined, email: sso.email, name: sso.name, sso };
    },
  };
}
