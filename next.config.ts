import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships its WASM and data files beside its JS; bundling it breaks their paths under webpack.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
};

export default nextConfig;
