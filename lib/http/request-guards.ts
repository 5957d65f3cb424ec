import { AppError } from '@/lib/domain/errors';
import { getEnv } from '@/lib/env';

/** The largest body an endpoint of the API accepts unless its route allows more; checked before a byte is parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

// The limit of each request in flight, set by the route wrapper (apiRoute's `maxBodyBytes`), so that
// the Content-Length check and the reader of the body apply the same one.
const bodyLimits = new WeakMap<Request, number>();

/** Allows this request's body up to `bytes` (the route wrapper's option); MAX_BODY_BYTES otherwise. */
export function allowBodyUpTo(request: Request, bytes: number): void {
  bodyLimits.set(request, bytes);
}

export const bodyLimit = (request: Request): number => bodyLimits.get(request) ?? MAX_BODY_BYTES;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const changesState = (request: Request) => !SAFE_METHODS.has(request.method.toUpperCase());

/** The app's own origin: AUTH_URL's when it is set (behind a proxy), else the request's own. */
export function appOrigin(request: Request): string {
  const configured = getEnv().AUTH_URL;
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}

/**
 * A cookie rides along on any request the browser makes to this site, including one a page on a
 * sibling subdomain or another localhost port submits (SameSite=Lax does not stop a same-site
 * page). So a state-changing request carrying the cookie must show it came from the app itself:
 * its Origin, or without one, Sec-Fetch-Site: same-origin.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const sameOrigin = origin !== null ? origin === appOrigin(request) : request.headers.get('sec-fetch-site') === 'same-origin';
  if (!sameOrigin) {
    throw new AppError('cross_site_request');
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return request.body !== null && (length === null || Number(length) > 0);
}

/**
 * A mutating body must be JSON: a form or text/plain body is what a cross-site form can send
 * without asking, so it is refused before anything reads it.
 */
export function assertJsonBody(request: Request): void {
  if (!hasBody(request)) return;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('unsupported_media_type');
  }
  const length = request.headers.get('content-length');
  if (length !== null && Number(length) > bodyLimit(request)) throw payloadTooLarge(request);
}

const payloadTooLarge = (request: Request) => new AppError('payload_too_large', { maxKb: Math.floor(bodyLimit(request) / 1024) });

/** Reads the body as text, stopping at the limit even when Content-Length is absent or lies. */
export async function readBodyText(request: Request): Promise<string> {
  if (!request.body) return '';
  const limit = bodyLimit(request);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw payloadTooLarge(request);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
