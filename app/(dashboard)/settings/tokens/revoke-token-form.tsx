'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { revokeApiTokenAction } from './actions';
import type { RevokeTokenState } from './state';

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, formAction, pending] = useActionState<RevokeTokenState, FormData>(revokeApiTokenAction, null);
  const t = useTranslations('tokens.revoke');
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={t('label', { name })}
        className="rounded-md border border-rose-300 bg-white px-3 py-1 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-60"
      >
        {t('submit')}
      </button>
      <span aria-live="polite" className="text-sm text-rose-700">
        {state && !state.ok ? state.message : null}
      </span>
    </form>
  );
}
