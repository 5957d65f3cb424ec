'use client';

import { useTranslations } from 'next-intl';
import { createContext, useActionState, useContext, useEffect, useRef, useState } from 'react';
import type { RequestStatus } from '@/lib/domain/lifecycle';
import { ConfirmSubmit } from '../../_components/confirm-submit';
import type { RequestActionState, RequestFormAction } from '../_lib/action-state';
import { FieldError, FormFeedback } from './form-feedback';

/**
 * The approvals queue a decision form reports to, so that a decided card stays in place with its
 * outcome (the page re-renders without the request the moment it is decided). Absent elsewhere.
 */
export type DecisionQueue = {
  /** The form was submitted: keep its card while the decision is on its way. */
  deciding: (requestId: string) => void;
  decided: (requestId: string, status: RequestStatus) => void;
  /** The decision was refused (the form says why): nothing to keep. */
  refused: (requestId: string) => void;
};
export const DecisionQueueContext = createContext<DecisionQueue | null>(null);

const buttonBase = 'rounded-md px-4 py-2 text-sm font-medium disabled:cursor-wait disabled:opacity-60';
const rejectClass = `${buttonBase} border border-rose-300 bg-white text-rose-700 hover:bg-rose-50 dark:border-rose-700 dark:bg-zinc-900 dark:text-rose-300 dark:hover:bg-rose-950`;

/**
 * Approve or reject a request in review. Rejecting needs a comment the requester will read (asked for
 * on the spot when missing) and a confirmation; approving applies the limits at once.
 */
export function DecisionForm({ action, requestId }: { action: RequestFormAction; requestId: string }) {
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(action, null);
  const [comment, setComment] = useState('');
  const [commentAsked, setCommentAsked] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const queue = useContext(DecisionQueueContext);
  const t = useTranslations('approvals.decision');
  const tErrors = useTranslations('errors');
  const commentId = `decision-comment-${requestId}`;
  const commentMissing = comment.trim() === '';
  const serverCommentError = state && !state.ok ? state.fieldErrors?.comment : undefined;
  const commentError = commentAsked && commentMissing ? [tErrors('comment_required')] : serverCommentError;

  useEffect(() => {
    if (!state) return;
    if (state.ok) queue?.decided(requestId, state.data.status);
    else queue?.refused(requestId);
  }, [state, queue, requestId]);

  return (
    <form action={formAction} onSubmit={() => queue?.deciding(requestId)} className="space-y-2">
      <div>
        <label htmlFor={commentId} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {t('comment')} <span className="font-normal text-zinc-600 dark:text-zinc-400">{t('commentHint')}</span>
        </label>
        <textarea
          ref={commentRef}
          id={commentId}
          name="comment"
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-describedby={`${commentId}-error`}
          aria-invalid={commentError ? true : undefined}
          className="mt-1 block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-rose-400 dark:border-zinc-600"
        />
        <FieldError id={`${commentId}-error`} messages={commentError} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className={`${buttonBase} bg-emerald-700 text-white hover:bg-emerald-800`}
        >
          {t('approve')}
        </button>
        {/* The confirmation's own submit button carries no value: this field says "reject". It comes
            after the approve button on purpose: a form's entries follow the page order, so when
            approve submits, its "approve" is the first `decision` the action reads. */}
        <input type="hidden" name="decision" value="reject" />
        {commentMissing ? (
          // Nothing to confirm yet: say what is missing and take the reader to it.
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              setCommentAsked(true);
              commentRef.current?.focus();
            }}
            className={rejectClass}
          >
            {t('reject')}
          </button>
        ) : (
          <ConfirmSubmit
            label={t('reject')}
            title={t('confirmReject.title')}
            body={t('confirmReject.body')}
            confirmLabel={t('reject')}
            disabled={pending}
            className={rejectClass}
          />
        )}
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
