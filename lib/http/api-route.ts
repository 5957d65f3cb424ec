import 'server-only';
import type { z } from 'zod';
import { getAppContext } from '@/lib/app-context';
import type { Caller } from '@/lib/auth/caller';
import { callerFromRequest } from '@/lib/auth/current-caller';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/requests/context';
import { namesSeveralTenants } from '@/lib/validation/request';
import { errorResponse, invalidInput } from './errors';

type RouteArgs<Params> = { request: Request; caller: Caller; ctx: UseCaseContext; params: Params };
type Segment<Params> = { params: Promise<Params> };

/**
 * The one wrapper of the JSON API: resolves the caller (401 when signed out), runs the body, and
 * turns every error into SPEC §5's shape. Bodies hold only the use case.
 */
export function apiRoute<Params = Record<string, never>>(
  body: (args: RouteArgs<Params>) => Promise<Response>,
): (request: Request, segment: Segment<Params>) => Promise<Response> {
  return async (request, segment) => {
    try {
      const ctx = await getAppContext();
      const caller = await callerFromRequest(request, ctx);
      if (!caller) {
        throw new AppError(
          'unauthenticated',
          request.headers.has('authorization')
            ? 'The API token is invalid, expired or revoked.'
            : 'Sign in, or send a personal API token as "Authorization: Bearer <token>".',
        );
      }
      const params = segment?.params ? await segment.params : ({} as Params);
      return await body({ request, caller, ctx, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Parses a JSON body with the shared schema; malformed input is a 400 that changes nothing. */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
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
