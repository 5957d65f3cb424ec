'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmSubmit } from '@/app/_components/confirm-submit';
import { useAnnounce } from '../../_components/section-status';
import { revokeApiTokenAction } from './actions';
import type { RevokeTokenState } from './state';

/** Revokes one token after asking; the list's notice says it is done (this form leaves with the token's "active" state). */
export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations('tokens.revoke');
  const announce = useAnnounce();
  const [state, formAction, pending] = useActionState<RevokeTokenState, FormData>(async (previous, formData) => {
    const result = await revokeApiTokenAction(previous, formData);
    if (result?.ok) announce(t('done', { name }));
    return result;
  }, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <ConfirmSubmit
        label={t('submit')}
        title={t('confirm.title', { name })}
        body={t('confirm.body')}
        confirmLabel={t('confirm.confirm')}
        disabled={pending}
        className="rounded-md border border-rose-300 bg-white px-3 py-1 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-60 dark:border-rose-700 dark:bg-zinc-900 dark:text-rose-300 dark:hover:bg-rose-950"
      />
      <span role="status" className="text-sm text-rose-700 dark:text-rose-300">
        {state && !state.ok ? state.message : null}
      </span>
    </form>
  );
}
