/** A minimal cookie jar over fetch, for signing in through Auth.js's own HTTP endpoints. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  /** `defaultHeaders` go with every request (e.g. the X-Forwarded-For a proxy would add). */
  constructor(
    private readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(this.defaultHeaders);
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The demo sign-in (provider `demo`), exactly as the sign-in page posts it. */
  async signInWithDemo(email: string): Promise<void> {
    const csrf = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await this.fetch('/api/auth/callback/demo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, csrfToken: csrf.csrfToken, callbackUrl: '/' }),
    });
    if (response.status !== 302 || ![...this.cookies.keys()].some((name) => name.endsWith('session-token'))) {
      throw new Error(`demo sign-in of ${email} failed: ${response.status} ${response.headers.get('location')}`);
    }
  }

  /** Auth.js's sign-out, as the sign-out button posts it (with its CSRF token). */
  async signOut(): Promise<Response> {
    const csrf = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    return this.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: '/signin' }),
    });
  }

  /** The cookies this session holds, as a Cookie header. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** As the app's own pages call the API: a state-changing call carries the app's origin, as browsers send it. */
  json(pathname: string, method = 'GET', body?: unknown): Promise<Response> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (method !== 'GET') headers.origin = new URL(this.baseUrl).origin;
    return this.fetch(pathname, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
