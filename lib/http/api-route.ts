import 'server-only';
import type { z } from 'zod';
import { getAppContext } from '@/lib/app-context';
import type { Caller } from '@/lib/auth/caller';
import { type RequestAuthentication, authenticateRequest } from '@/lib/auth/current-caller';
import { hasSessionCookie } from '@/lib/auth/session-cookie';
import { AppError } from '@/lib/domain/errors';
import { DEFAULT_LOCALE, LOCALE_COOKIE, type Locale, TIME_ZONE_COOKIE, browserReader, negotiateLocale } from '@/lib/i18n/locales';
import { type Translator, translatorFor } from '@/lib/i18n/translate';
import type { UseCaseContext } from '@/lib/use-case-context';
import { namesSeveralTenants } from '@/lib/validation/request';
import { errorResponse, invalidInput, withApiHeaders } from './errors';
import { allowBodyUpTo, assertJsonBody, assertSameOrigin, changesState, readBodyText } from './request-guards';

/** Whose words an answer is in: the language and time zone of its reader. */
export type ApiReader = { locale: Locale; timeZone: string | null };

type RouteArgs<Params> = {
  request: Request;
  caller: Caller;
  ctx: UseCaseContext;
  params: Params;
  reader: ApiReader;
  /** The catalogues in the reader's language and time zone, for the few words an answer carries. */
  t: Translator;
};
type Resolved = { caller: Caller | null; via: RequestAuthentication['via'] };

/** What a route asks of the wrapper beyond its defaults. */
export type ApiRouteOptions = {
  /**
   * A machine's endpoint: only a personal API token authenticates it. A call with the session
   * cookie is refused (403 token_required) before the cookie is even read.
   */
  tokenOnly?: boolean;
  /** The largest body this route takes, in bytes; MAX_BODY_BYTES (64 KB) unless given. */
  maxBodyBytes?: number;
};
type Segment<Params> = { params: Promise<Params> };

/**
 * The one wrapper of the JSON API. Before any body runs: a state-changing request authenticated by
 * the session cookie must come from the app's own origin (API tokens are no ambient credential and
 * need no such proof), a mutating body must be JSON and at most 64 KB (or the route's
 * `maxBodyBytes`); then the caller is resolved (401 when signed out, 429 while a client is blocked
 * for failed authentications). A `tokenOnly` route refuses the session cookie outright. Every
 * answer, error or not, is personal: never stored by a cache, and varying with the credentials.
 */
export function apiRoute<Params = Record<string, never>>(
  body: (args: RouteArgs<Params>) => Promise<Response>,
  options: ApiRouteOptions = {},
): (request: Request, segment: Segment<Params>) => Promise<Response> {
  return async (request, segment) => {
    const resolved: Resolved = { caller: null, via: 'none' };
    let response: Response;
    try {
      response = await runApiRoute(request, segment, body, resolved, options);
    } catch (error) {
      response = errorResponse(error, translatorFor(apiReader(request, resolved).locale));
    }
    return withApiHeaders(response);
  };
}

/**
 * Whose words an API answer uses. A script (API token) is answered in its `Accept-Language`, else
 * in the language its owner chose. The app's own pages call with the session cookie: those answers
 * speak as the pages do (`browserReader`, as lib/i18n/reader.ts), so that the bell or a form's error
 * never speaks another language than the page it is on.
 */
export function apiReader(request: Request, resolved: { caller: Pick<Caller, 'locale' | 'timeZone'> | null; via: string }): ApiReader {
  const { caller } = resolved;
  const acceptLanguage = request.headers.get('accept-language');
  if (resolved.via === 'cookie') {
    const cookie = request.headers.get('cookie');
    return browserReader(caller, {
      localeCookie: cookieValue(cookie, LOCALE_COOKIE),
      timeZoneCookie: cookieValue(cookie, TIME_ZONE_COOKIE),
      acceptLanguage,
    });
  }
  return { locale: negotiateLocale(acceptLanguage) ?? caller?.locale ?? DEFAULT_LOCALE, timeZone: caller?.timeZone ?? null };
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

async function runApiRoute<Params>(
  request: Request,
  segment: Segment<Params>,
  body: (args: RouteArgs<Params>) => Promise<Response>,
  resolved: Resolved,
  options: ApiRouteOptions,
): Promise<Response> {
  const usesToken = request.headers.has('authorization');
  if (options.tokenOnly && !usesToken) {
    // The cookie is no credential here, so there is no origin to prove and no session to decode.
    throw hasSessionCookie(request.headers) ? new AppError('token_required') : new AppError('unauthenticated', { via: 'token_only' });
  }
  if (options.maxBodyBytes !== undefined) allowBodyUpTo(request, options.maxBodyBytes);
  if (changesState(request)) {
    if (!usesToken && hasSessionCookie(request.headers)) assertSameOrigin(request);
    assertJsonBody(request);
  }
  const ctx = await getAppContext();
  const authentication = await authenticateRequest(request, ctx);
  if (authentication.via === 'token' && authentication.retryAfterSeconds > 0) {
    throw new AppError('too_many_attempts', {}, { retryAfterSeconds: authentication.retryAfterSeconds });
  }
  const caller = authentication.via === 'none' ? null : authentication.caller;
  if (!caller) {
    throw new AppError('unauthenticated', { via: usesToken ? 'token' : authentication.via });
  }
  resolved.caller = caller;
  resolved.via = authentication.via;
  const params = segment?.params ? await segment.params : ({} as Params);
  const reader = apiReader(request, resolved);
  return body({ request, caller, ctx, params, reader, t: translatorFor(reader.locale, reader.timeZone ?? undefined) });
}

/** Parses a JSON body with the shared schema; malformed input is a 400 that changes nothing. */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', { variant: 'json_object' });
  }
  if (namesSeveralTenants(body)) {
    throw new AppError('single_tenant_only');
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
