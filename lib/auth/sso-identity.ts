/** Who the identity provider says signed in, read from the ID token's claims. Pure: no I/O here. */
export type SsoIdentity = {
  email: string | null;
  /** false only when the IdP says so; IdPs that never send `email_verified` (Entra ID) are trusted. */
  emailVerified: boolean;
  name: string;
  groups: string[];
  tenantId: string | null;
};

export type ClaimNames = { groups: string; tenant: string };

/**
 * Maps ID-token claims to an identity. The claim names are configuration (AUTH_GROUPS_CLAIM,
 * AUTH_TENANT_CLAIM) and are read as plain keys, because Auth0's namespaced claims are URLs full of dots.
 */
export function identityFromClaims(claims: Record<string, unknown>, names: ClaimNames): SsoIdentity {
  const email = text(claims.email)?.toLowerCase() ?? null;
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    email,
    emailVerified: claims.email_verified !== false && claims.email_verified !== 'false',
    name: text(claims.name) ?? (fullName || email || 'Unnamed user'),
    groups: groupList(claims[names.groups]),
    tenantId: text(claims[names.tenant]),
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An array of names; a lone string is one group (some IdPs collapse one-element arrays). */
function groupList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  const names = values.map(text).filter((name): name is string => name !== null);
  return [...new Set(names)];
}
