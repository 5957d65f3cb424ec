'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormFeedback } from '../../_components/form-feedback';
import type { RequestActionState, RequestFormAction } from '../../_lib/action-state';

export function CancelRequestForm({ action }: { action: RequestFormAction }) {
  const t = useTranslations('requests.cancel');
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <p className="text-sm text-zinc-600">{t('explanation')}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-rose-300 bg-white px-4 py-2 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:cursor-wait disabled:opacity-60"
      >
        {t('submit')}
      </button>
      <FormFeedback state={state} pending={pending} pendingText={t('pending')} successText={t('success')} />
    </form>
  );
}
