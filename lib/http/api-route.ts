import 'server-only';
import type { z } from 'zod';
import { getAppContext } from '@/lib/app-context';
import type { Caller } from '@/lib/auth/caller';
import { authenticateRequest } from '@/lib/auth/current-caller';
import { hasSessionCookie } from '@/lib/auth/session-cookie';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/requests/context';
import { namesSeveralTenants } from '@/lib/validation/request';
import { errorResponse, invalidInput, withApiHeaders } from './errors';
import { assertJsonBody, assertSameOrigin, changesState, readBodyText } from './request-guards';

type RouteArgs<Params> = { request: Request; caller: Caller; ctx: UseCaseContext; params: Params };
type Segment<Params> = { params: Promise<Params> };

/**
 * The one wrapper of the JSON API. Before any body runs: a state-changing request authenticated by
 * the session cookie must come from the app's own origin (API tokens are no ambient credential and
 * need no such proof), a mutating body must be JSON and at most 64 KB; then the caller is resolved
 * (401 when signed out, 429 while a client is blocked for failed authentications). Every answer,
 * error or not, is personal: never stored by a cache, and varying with the credentials.
 */
export function apiRoute<Params = Record<string, never>>(
  body: (args: RouteArgs<Params>) => Promise<Response>,
): (request: Request, segment: Segment<Params>) => Promise<Response> {
  return async (request, segment) => {
    let response: Response;
    try {
      response = await runApiRoute(request, segment, body);
    } catch (error) {
      response = errorResponse(error);
    }
    return withApiHeaders(response);
  };
}

async function runApiRoute<Params>(
  request: Request,
  segment: Segment<Params>,
  body: (args: RouteArgs<Params>) => Promise<Response>,
): Promise<Response> {
  const usesToken = request.headers.has('authorization');
  if (changesState(request)) {
    if (!usesToken && hasSessionCookie(request.headers)) assertSameOrigin(request);
    assertJsonBody(request);
  }
  const ctx = await getAppContext();
  const authentication = await authenticateRequest(request, ctx);
  if (authentication.via === 'token' && authentication.retryAfterSeconds > 0) {
    throw new AppError('too_many_attempts', 'Too many failed sign-ins or invalid API tokens from here. Wait, then try again.', {
      retryAfterSeconds: authentication.retryAfterSeconds,
    });
  }
  const caller = authentication.via === 'none' ? null : authentication.caller;
  if (!caller) {
    throw new AppError(
      'unauthenticated',
      usesToken
        ? 'The API token is invalid, expired or revoked.'
        : authentication.via === 'cookie'
          ? 'Your session has ended. Sign in again.'
          : 'Sign in, or send a personal API token as "Authorization: Bearer <token>".',
    );
  }
  const params = segment?.params ? await segment.params : ({} as Params);
  return body({ request, caller, ctx, params });
}

/** Parses a JSON body with the shared schema; malformed input is a 400 that changes nothing. */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'The request body must be a JSON object.');
  }
  if (namesSeveralTenants(body)) {
    throw new AppError('single_tenant_only', 'A request changes the ports of one tenant; send one request per tenant.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  // A blank filter (`?tenantId=`) means "no filter", as a form that submits "All" sends it.
  const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

export function parseId<Schema extends z.ZodType>(value: unknown, schema: Schema, notFound: () => AppError): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
