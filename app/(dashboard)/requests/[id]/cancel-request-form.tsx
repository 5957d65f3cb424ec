'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmSubmit } from '../../../_components/confirm-submit';
import { FormFeedback } from '../../_components/form-feedback';
import type { RequestActionState, RequestFormAction } from '../../_lib/action-state';

/** Withdraw an open request, after confirming it: it cannot be undone (a new request can be made). */
export function CancelRequestForm({ action }: { action: RequestFormAction }) {
  const t = useTranslations('requests.cancel');
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('explanation')}</p>
      <ConfirmSubmit
        label={t('submit')}
        title={t('confirm.title')}
        body={t('confirm.body')}
        confirmLabel={t('confirm.yes')}
        disabled={pending}
        className="rounded-md border border-rose-300 bg-white px-4 py-2 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:cursor-wait disabled:opacity-60 dark:border-rose-700 dark:bg-zinc-900 dark:text-rose-300 dark:hover:bg-rose-950"
      />
      <FormFeedback state={state} pending={pending} pendingText={t('pending')} />
    </form>
  );
}
