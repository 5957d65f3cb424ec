import 'server-only';
import type { ApiTokenRow } from '@/db/schema';
import { recordAudit } from '@/lib/data/audit';
import { insertApiToken, listApiTokens, revokeApiToken } from '@/lib/data/api-tokens';
import { AppError } from '@/lib/domain/errors';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { CreateApiTokenInput } from '@/lib/validation/api-token';
import { generateApiToken } from './api-token-secret';
import type { Caller } from './caller';
import { canHoldApiToken } from './permissions';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
};

function toApiTokenView(row: ApiTokenRow, now: Date): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    state: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
  };
}

function requireTokenHolder(caller: Caller): void {
  if (!canHoldApiToken(caller)) {
    throw new AppError('forbidden', { action: 'use_api' });
  }
}

export async function listMyApiTokens(ctx: UseCaseContext, caller: Caller): Promise<ApiTokenView[]> {
  requireTokenHolder(caller);
  const now = ctx.clock();
  return (await listApiTokens(ctx.db, caller.userId)).map((row) => toApiTokenView(row, now));
}

/** The secret is returned this once and never stored; it acts with the owner's permissions of the moment. */
export async function createApiToken(
  ctx: UseCaseContext,
  caller: Caller,
  input: CreateApiTokenInput,
): Promise<{ token: string; view: ApiTokenView }> {
  requireTokenHolder(caller);
  const now = ctx.clock();
  const { token, hash, prefix } = generateApiToken();
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await insertApiToken(tx, {
      userId: caller.userId,
      name: input.name,
      tokenHash: hash,
      prefix,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      createdAt: now,
    });
    await recordAudit(tx, {
      actor: caller.email,
      action: 'api_token_created',
      details: { tokenId: inserted.id, name: input.name, expiresAt: inserted.expiresAt.toISOString() },
    });
    return inserted;
  });
  return { token, view: toApiTokenView(row, now) };
}

export async function revokeMyApiToken(ctx: UseCaseContext, caller: Caller, tokenId: string): Promise<ApiTokenView> {
  requireTokenHolder(caller);
  const now = ctx.clock();
  const row = await ctx.db.transaction(async (tx) => {
    const revoked = await revokeApiToken(tx, caller.userId, tokenId, now);
    if (!revoked) throw new AppError('not_found', { what: 'token' });
    await recordAudit(tx, { actor: caller.email, action: 'api_token_revoked', details: { tokenId } });
    return revoked;
  });
  return toApiTokenView(row, now);
}
