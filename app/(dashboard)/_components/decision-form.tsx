'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import type { RequestActionState, RequestFormAction } from '../_lib/action-state';
import { FieldError, FormFeedback } from './form-feedback';

/** Approve or reject a request in review; rejecting needs a comment the requester will read. */
export function DecisionForm({ action, requestId }: { action: RequestFormAction; requestId: string }) {
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(action, null);
  const [comment, setComment] = useState('');
  const t = useTranslations('approvals.decision');
  const commentId = `decision-comment-${requestId}`;
  const commentError = state && !state.ok ? state.fieldErrors?.comment : undefined;

  return (
    <form action={formAction} className="space-y-2">
      <div>
        <label htmlFor={commentId} className="block text-sm font-medium text-zinc-700">
          {t('comment')} <span className="font-normal text-zinc-500">{t('commentHint')}</span>
        </label>
        <textarea
          id={commentId}
          name="comment"
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-describedby={`${commentId}-error`}
          aria-invalid={commentError ? true : undefined}
          className="mt-1 block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
        />
        <FieldError id={`${commentId}-error`} messages={commentError} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700 disabled:cursor-wait disabled:opacity-60"
        >
          {t('approve')}
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded-md border border-rose-300 bg-white px-4 py-2 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:cursor-wait disabled:opacity-60"
        >
          {t('reject')}
        </button>
      </div>
      <FormFeedback
        state={state}
        pending={pending}
        pendingText={t('pending')}
        successText={state?.ok ? t('done', { status: state.data.status }) : undefined}
      />
    </form>
  );
}
