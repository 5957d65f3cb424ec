/**
 * The pages' Content-Security-Policy: scripts only from this origin and with this response's nonce
 * (Next puts it on its own scripts), nothing framed, forms posted only here or to the identity
 * provider. Styles allow inline attributes, which React and Tailwind's runtime-free CSS still use.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; identityProvider?: string }): string {
  const formTargets = ["'self'", ...(options.identityProvider ? [options.identityProvider] : [])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export function identityProviderOrigin(issuer: string | undefined): string | undefined {
  if (!issuer) return undefined;
  try {
    return new URL(issuer).origin;
  } catch {
    return undefined;
  }
}
