import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { getUserByEmail } from '@/lib/data/users';
import { insertSession } from '@/lib/data/sessions';
import type { UseCaseContext } from '@/lib/use-case-context';

const COOKIE = 'authjs.session-token';
export const APP_ORIGIN = 'http://localhost:3000';

const installedContext = () => (globalThis as unknown as { sspmContext?: Promise<UseCaseContext> }).sspmContext;

/**
 * A session cookie exactly as Auth.js would set it after a sign-in of this user, naming a live
 * server-side session in the installed context's database (an unknown user gets a session id that
 * names nothing, as a forged cookie would).
 */
export async function sessionCookieFor(email: string, options: { sessionId?: string } = {}): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET must be set for API tests (vitest.config.ts sets it)');
  let sid = options.sessionId;
  if (!sid) {
    const ctx = await installedContext();
    const user = ctx ? await getUserByEmail(ctx.db, email) : null;
    sid = user && ctx
      ? (await insertSession(ctx.db, { userId: user.id, provider: 'demo', now: ctx.clock(), maxAgeMs: 8 * 3600_000 })).id
      : randomUUID();
  }
  const token = await encode({ token: { email, sub: email, sid }, secret, salt: COOKIE });
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
  /** The Content-Type of the body; application/json unless given. */
  contentType?: string;
  /** The Origin a browser would send; the app's own for a cookie's state-changing call unless given (null: none). */
  origin?: string | null;
  headers?: Record<string, string>;
  params?: Record<string, string>;
};

/** Calls a route handler with a real Request, as Next would, and reads the JSON answer. */
export async function call(handler: Handler, method: string, url: string, options: ApiCall = {}) {
  const headers = new Headers(options.headers);
  const cookie = options.cookie ?? (options.as ? await sessionCookieFor(options.as) : undefined);
  if (cookie) headers.set('cookie', cookie);
  if (options.authorization) headers.set('authorization', options.authorization);
  // A browser's fetch sends its page's origin with every state-changing request.
  const origin = options.origin === undefined ? (cookie && method !== 'GET' ? APP_ORIGIN : null) : options.origin;
  if (origin) headers.set('origin', origin);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set('content-type', options.contentType ?? 'application/json');
  const response = await handler(new Request(new URL(url, APP_ORIGIN), { method, headers, body }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Json) : null };
}
