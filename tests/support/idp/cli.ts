// `npm run idp`: the local OpenID Connect provider for development (README, "Single sign-on").
// IDP_PORT overrides the port (default 9400); it always listens on 127.0.0.1.
import { IDP_ACCOUNTS, IDP_PASSWORD } from './accounts';
import { LOCAL_CLIENT, startLocalIdp } from './local-idp';

const port = Number(process.env.IDP_PORT ?? 9400);
const idp = await startLocalIdp({ port });

console.log(`Local identity provider: ${idp.issuer} (discovery at ${idp.issuer}/.well-known/openid-configuration)

Run the app against it:
  AUTH_OIDC_ISSUER=${idp.issuer} AUTH_OIDC_ID=${LOCAL_CLIENT.id} AUTH_OIDC_SECRET=${LOCAL_CLIENT.secret} npm run dev
and open http://localhost:3000 (localhost, not 127.0.0.1).

Accounts (password "${IDP_PASSWORD}"):
${IDP_ACCOUNTS.map((a) => `  ${a.email.padEnd(30)} tenant ${(a.tenant ?? '—').padEnd(11)} groups ${a.groups.join(', ')}`).join('\n')}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void idp.stop().then(() => process.exit(0)));
}
