import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestError, notFound, sessionInvalid } from './errors';
import { CallCounter, type Fault, Faults } from './faults';
import { Org, type OrgOptions } from './org';
import { RestApi, endpointOf } from './rest';

export type EmulatorOptions = Partial<OrgOptions> & {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  apiVersions?: string[];
};

export type SalesforceEmulator = {
  url: string;
  clientId: string;
  clientSecret: string;
  org: Org;
  faults: Faults;
  calls: CallCounter;
  /** Every access token issued so far stops working (INVALID_SESSION_ID), as when a session times out. */
  expireSessions: () => void;
  /** Environment for the app: SALESFORCE_LOGIN_URL, _CLIENT_ID, _CLIENT_SECRET. */
  env: () => Record<string, string>;
  stop: () => Promise<void>;
};

const JSON_TYPE = 'application/json;charset=UTF-8';

/**
 * A Salesforce REST API emulator on the loopback interface, for tests and local development:
 * OAuth 2.0 client credentials, sobjects/Case (create, upsert by external id, update, get),
 * CaseComment, SOQL, composite, Salesforce's JSON error bodies, per-endpoint call counts and
 * fault injection, lost answers included (a call applied whose caller never hears back). Close
 * enough to the documented shapes that jsforce cannot tell the difference.
 */
export async function startSalesforceEmulator(options: EmulatorOptions = {}): Promise<SalesforceEmulator> {
  const org = new Org({
    externalIdField: options.externalIdField ?? 'SSPM_Request_Id__c',
    statuses: options.statuses ?? ['New', 'Working', 'Escalated', 'Closed', 'Approved', 'Rejected'],
    closedStatuses: options.closedStatuses ?? ['Closed', 'Approved', 'Rejected'],
    clock: options.clock ?? (() => new Date()),
  });
  const clientId = options.clientId ?? 'sspm-emulator-client';
  const clientSecret = options.clientSecret ?? 'sspm-emulator-secret';
  const versions = options.apiVersions ?? ['60.0', '61.0', '62.0', '63.0'];
  const apis = new Map(versions.map((version) => [version, new RestApi(org, version)]));
  const faults = new Faults();
  const calls = new CallCounter();
  const tokens = new Set<string>();
  let baseUrl = '';

  const issueToken = (form: URLSearchParams) => {
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    }
    if (form.get('client_id') !== clientId) return { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
    if (form.get('client_secret') !== clientSecret) return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    const token = `${org.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    tokens.add(token);
    return {
      status: 200,
      body: {
        access_token: token,
        signature: randomBytes(32).toString('base64'),
        scope: 'api',
        instance_url: baseUrl,
        id: `${baseUrl}/id/${org.orgId}/${org.integrationUserId}`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, body === null ? headers : { 'Content-Type': JSON_TYPE, ...headers });
      response.end(body === null ? undefined : JSON.stringify(body));
    };
    if (url.pathname.startsWith('/__emulator/')) return control(url, method, raw, send);

    const isToken = url.pathname === '/services/oauth2/token';
    const data = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    const endpoint = isToken ? `${method} /services/oauth2/token` : data ? endpointOf(method, data[2] ?? '/') : `${method} ${url.pathname}`;
    const used = calls.record(endpoint);
    // Before anything is handled, and whether or not the caller still waits: a slow call is applied late.
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const fault = faults.take(endpoint, { signIn: isToken });
    // The call has been handled (applied, if it writes); its answer may still never reach the caller.
    const answer = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const loss = faults.takeAnswerLoss(endpoint, { signIn: isToken });
      if (loss === 'drop') return void request.socket.destroy();
      if (loss === 'hang') return untilClosed(response);
      send(status, body, headers);
    };
    if (isToken) {
      if (fault) return send(fault.status, { error: 'unknown_error', error_description: 'retry your request' });
      if (method !== 'POST') return send(405, { error: 'invalid_request', error_description: 'must use HTTP POST' });
      const issued = issueToken(new URLSearchParams(raw));
      return answer(issued.status, issued.body);
    }
    const limitInfo = { 'Sforce-Limit-Info': `api-usage=${used}/15000` };
    try {
      if (!data) throw notFound();
      const api = apis.get(data[1]!);
      if (!api) throw notFound();
      if (fault) return send(fault.status, faultError(fault).body(), limitInfo);
      const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) throw sessionInvalid();
      let body: unknown = null;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new RestError(400, 'JSON_PARSER_ERROR', 'Unexpected character: was expecting a JSON value');
        }
      }
      const handled = api.handle({ method, path: data[2] ?? '/', query: url.searchParams, body });
      await answer(handled.status, handled.body, { ...limitInfo, ...handled.headers });
    } catch (error) {
      if (error instanceof RestError) return answer(error.status, error.body(), limitInfo);
      console.error('salesforce emulator: unexpected error', error);
      send(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }]);
    }
  };

  /** Test-only control surface for the stand-alone emulator (`npm run salesforce:emulator`). */
  const control = (url: URL, method: string, raw: string, send: (status: number, body: unknown) => void) => {
    const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (url.pathname === '/__emulator/state' && method === 'GET') {
      return send(200, { calls: calls.snapshot(), totalCalls: calls.total(), cases: org.table('Case').size });
    }
    if (url.pathname === '/__emulator/faults' && method === 'POST') {
      if (input.recover) faults.recover();
      if (typeof input.latencyMs === 'number') faults.latencyMs = input.latencyMs;
      if (input.expireSessions) tokens.clear();
      if (typeof input.loseNextAnswers === 'number') {
        faults.loseNextAnswers(input.loseNextAnswers, { how: input.answerLoss === 'drop' ? 'drop' : 'hang' });
      }
      if (typeof input.failNext === 'number') {
        faults.failNext(input.failNext, {
          status: Number(input.status ?? 500),
          errorCode: String(input.errorCode ?? 'UNKNOWN_EXCEPTION'),
          message: String(input.message ?? 'An unexpected error occurred.'),
        });
      }
      return send(204, null);
    }
    const decide = /^\/__emulator\/cases\/(\d{8})\/status$/.exec(url.pathname);
    if (decide && method === 'POST') {
      const record = org.caseByNumber(decide[1]!);
      if (!record) return send(404, { error: 'no such case' });
      org.decideInUi(record.Id, String(input.status), { email: String(input.by ?? 'rep@ops.example'), comment: input.comment as string | undefined });
      return send(204, null);
    }
    send(404, { error: 'unknown control endpoint' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('salesforce emulator: request failed', error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    clientId,
    clientSecret,
    org,
    faults,
    calls,
    expireSessions: () => tokens.clear(),
    env: () => ({ SALESFORCE_LOGIN_URL: baseUrl, SALESFORCE_CLIENT_ID: clientId, SALESFORCE_CLIENT_SECRET: clientSecret }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function faultError(fault: Fault): RestError {
  return new RestError(fault.status, fault.errorCode, fault.message);
}

/** Holds an answer back until the caller hangs up (its timeout) or the emulator stops. */
function untilClosed(response: ServerResponse): Promise<void> {
  if (response.closed) return Promise.resolve();
  return new Promise((resolve) => response.once('close', () => resolve()));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
