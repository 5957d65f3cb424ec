/** A minimal cookie jar over fetch, for signing in through Auth.js's own HTTP endpoints. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
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

  /** The cookies this session holds, as a Cookie header. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  json(pathname: string, method = 'GET', body?: unknown): Promise<Response> {
    return this.fetch(pathname, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
