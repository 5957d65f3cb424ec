'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/actions/run-action';
import { createApiToken, revokeMyApiToken } from '@/lib/auth/api-tokens';
import { createApiTokenSchema, revokeApiTokenSchema } from '@/lib/validation/api-token';
import type { CreateTokenState, RevokeTokenState } from './state';

/** Creates a personal API token; the secret travels back in this answer only. */
export async function createApiTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const result = await runAction(
    createApiTokenSchema,
    { name: formData.get('name') ?? '', expiresInDays: formData.get('expiresInDays') || undefined },
    async ({ caller, ctx, input }) => {
      const created = await createApiToken(ctx, caller, input);
      return { token: created.token, name: created.view.name };
    },
  );
  if (result.ok) revalidatePath('/settings/tokens');
  return result;
}

export async function revokeApiTokenAction(_previous: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const result = await runAction(revokeApiTokenSchema, { tokenId: formData.get('tokenId') ?? '' }, async ({ caller, ctx, input }) => {
    const revoked = await revokeMyApiToken(ctx, caller, input.tokenId);
    return { id: revoked.id };
  });
  if (result.ok) revalidatePath('/settings/tokens');
  return result;
}
