/**
 * HSTS, once the app is known to be served over https (AUTH_URL): browsers then never try plain
 * http for it again, so a network attacker cannot strip TLS off a later visit. Read at run time,
 * since one build serves previews and production.
 */
export function strictTransportSecurity(authUrl: string | undefined = process.env.AUTH_URL): string | null {
  return authUrl?.startsWith('https://') ? 'max-age=63072000; includeSubDomains' : null;
}
