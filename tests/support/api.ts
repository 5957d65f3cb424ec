import { encode } from 'next-auth/jwt';
import type { UseCaseContext } from '@/lib/requests/context';

const COOKIE = 'authjs.session-token';

/** A session cookie exactly as Auth.js would set it after a sign-in of this user. */
export async function sessionCookieFor(email: string): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET must be set for API tests (vitest.config.ts sets it)');
  const token = await encode({ token: { email, sub: email }, secret, salt: COOKIE });
  return `${COOKIE}=${token}`;
}

/** Points the app's process-wide context (lib/app-context.ts) at the test's database, desk and clock. */
export function installAppContext(ctx: UseCaseContext): void {
  (globalThis as unknown as { sspmContext?: Promise<UseCaseContext> }).sspmContext = Promise.resolve(ctx);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route handler, whatever its params
type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;

/** Answers are read loosely on purpose: each test asserts the exact shape it cares about. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export type ApiCall = {
  as?: string | null;
  authorization?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
};

/** Calls a route handler with a real Request, as Next would, and reads the JSON answer. */
export async function call(handler: Handler, method: string, url: string, options: ApiCall = {}) {
  const headers = new Headers();
  const cookie = options.cookie ?? (options.as ? await sessionCookieFor(options.as) : undefined);
  if (cookie) headers.set('cookie', cookie);
  if (options.authorization) headers.set('authorization', options.authorization);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await handler(new Request(new URL(url, 'http://localhost:3000'), { method, headers, body }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Json) : null };
}
