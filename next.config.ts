import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

const nextConfig: NextConfig = {
  // PGlite ships its WASM and data files beside its JS; bundling it breaks their paths under webpack.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The migrator reads these at run time (the embedded database migrates itself on first use).
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // Pages get theirs, with a nonce, from proxy.ts; JSON answers need no scripts at all.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// The reader's language and time zone, per request (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

export default withNextIntl(nextConfig);
