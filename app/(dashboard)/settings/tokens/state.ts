import type { ActionResult } from '@/lib/actions/run-action';

export type CreateTokenState = ActionResult<{ token: string; name: string }> | null;
export type RevokeTokenState = ActionResult<{ id: string }> | null;
