import { Connection, type HttpRequest, OAuth2 } from 'jsforce';
import { CaseDeskError } from './case-desk';
import type { SalesforceConfig } from './salesforce-config';
import { sanitize, toCaseDeskError } from './salesforce-errors';

type Session = { conn: Connection; userId: string };

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One signed-in jsforce connection per process, through the OAuth 2.0 client-credentials flow.
 * jsforce cannot refresh such a session itself (there is no refresh token), and its own refresh
 * loop would retry a 401 for ever, so the connection gets no refresh hook: an INVALID_SESSION_ID
 * here signs in again once and repeats the call once. jsforce's built-in retries are off too: the
 * outbox retries with backoff, and a call counted here is a call Salesforce counts.
 */
export class SalesforceSession {
  private readonly oauth2: OAuth2;
  private current: Promise<Session> | null = null;
  private count = 0;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.oauth2 = new OAuth2({ loginUrl: config.loginUrl, clientId: config.clientId, clientSecret: config.clientSecret });
  }

  get calls(): number {
    return this.count;
  }

  /** One REST call (a path under /services/data/vXX.X); errors come out as CaseDeskError. */
  async request<T>(request: HttpRequest): Promise<T> {
    const signedIn = this.session();
    try {
      try {
        return await this.send<T>(await signedIn, request);
      } catch (error) {
        if ((error as { errorCode?: unknown }).errorCode !== 'INVALID_SESSION_ID') throw error;
        // The first caller to see the expiry signs in again; callers racing it reuse that sign-in.
        if (this.current === signedIn) this.current = null;
        return await this.send<T>(await this.session(), request);
      }
    } catch (error) {
      throw toCaseDeskError(error);
    }
  }

  /** The integration user's id, to tell SSPM's own case comments from a rep's. */
  async userId(): Promise<string> {
    try {
      return (await this.session()).userId;
    } catch (error) {
      throw toCaseDeskError(error);
    }
  }

  private session(): Promise<Session> {
    if (!this.current) {
      const signingIn = this.signIn();
      this.current = signingIn;
      // A failed sign-in is not kept: the next call tries again.
      signingIn.catch(() => {
        if (this.current === signingIn) this.current = null;
      });
    }
    return this.current;
  }

  private async signIn(): Promise<Session> {
    this.count += 1;
    let token;
    try {
      token = await withTimeout(this.oauth2.requestToken({ grant_type: 'client_credentials' }), this.timeoutMs);
    } catch (error) {
      const reason = (error as Error).name;
      console.error('Salesforce sign-in failed:', reason, (error as Error).message);
      // Credentials can be fixed without touching the queued messages, so they wait and retry.
      throw new CaseDeskError(`Salesforce sign-in failed (${sanitize(reason, 60)}).`, { retryable: true, code: 'SIGN_IN', cause: error });
    }
    return {
      conn: new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: this.config.apiVersion }),
      userId: token.id.split('/').at(-1) ?? '',
    };
  }

  private send<T>(session: Session, request: HttpRequest): Promise<T> {
    this.count += 1;
    return session.conn.request<T>(request, { retry: { maxRetries: 0 }, timeout: this.timeoutMs });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
