import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { IDP_PASSWORD, findIdpAccount } from './accounts';
import { errorPage, loginPage } from './pages';

export const LOCAL_CLIENT = { id: 'sspm-local', secret: 'sspm-local-secret' } as const;

export type LocalIdp = { issuer: string; port: number; stop: () => Promise<void> };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function configuration(): Configuration {
  // Fresh keys at every start: tokens of a previous run are worthless, and nothing secret is committed.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [
      {
        client_id: LOCAL_CLIENT.id,
        client_secret: LOCAL_CLIENT.secret,
        // "native" makes oidc-provider match loopback redirect URIs on any port (RFC 8252 §7.3), for
        // localhost, 127.0.0.1 and [::1]: the app may run on any port without registering each one.
        application_type: 'native',
        redirect_uris: ['http://localhost/api/auth/callback/oidc', 'http://127.0.0.1/api/auth/callback/oidc'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'local' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // groups and tenant travel with the profile scope, so the app's default scopes are enough.
    claims: { email: ['email', 'email_verified'], profile: ['name', 'groups', 'tenant'] },
    // Put the scopes' claims in the ID token even though an access token is issued too: Auth.js reads
    // the profile from the ID token only (NOTES-STACK).
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount(_ctx, sub) {
      const account = findIdpAccount(sub);
      if (!account) return undefined;
      return {
        accountId: account.email,
        claims: () => ({
          sub: account.email,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: account.groups,
          ...(account.tenant ? { tenant: account.tenant } : {}),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('The identity provider could not go on', { ...out });
    },
  };
}

/**
 * Starts an OpenID Connect provider for development and tests on a loopback address. Port 0 picks a
 * free port; the issuer is known only once the server listens, so the provider is created then.
 */
export async function startLocalIdp(options: { port?: number; host?: string } = {}): Promise<LocalIdp> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the local identity provider listens on loopback only, not ${host}`);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9400, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const provider = new Provider(issuer, configuration());
  const providerCallback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const uid = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url ?? '/', issuer).pathname)?.[1];
    if (!uid) return void providerCallback(req, res);
    handleInteraction(provider, uid, req, res).catch((error: unknown) => {
      send(res, 400, errorPage('This sign-in cannot go on', { reason: error instanceof Error ? error.message : String(error), what_to_do: 'Start again from the application.' }));
    });
  });

  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { issuer, port, stop };
}

/**
 * The login interaction. It always asks who you are: a native client goes through an interaction at
 * every authorization anyway, and asking again lets a developer switch users without a logout at the IdP.
 */
async function handleInteraction(provider: Provider, uid: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('the interaction does not belong to this browser');
  const clientId = String(details.params.client_id);
  const action = `/interaction/${uid}`;
  if (req.method !== 'POST') return send(res, 200, loginPage({ action, clientId }));

  const form = new URLSearchParams(await readBody(req));
  const email = form.get('email') ?? '';
  const account = findIdpAccount(email);
  if (!account || form.get('password') !== IDP_PASSWORD) {
    return send(res, 401, loginPage({ action, clientId, email, error: 'Wrong e-mail or password.' }));
  }
  // A new grant every time: a grant left in the session may belong to the previous user.
  const grant = new provider.Grant({ accountId: account.email, clientId });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: account.email }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readBody(req: IncomingMessage, limit = 16_384): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('the form is too large');
  }
  return body;
}
