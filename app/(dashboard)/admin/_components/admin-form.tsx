'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState } from 'react';
import { ConfirmSubmit } from '@/app/_components/confirm-submit';
import { useAnnounce } from '../../_components/section-status';
import type { AdminFormAction, AdminFormState } from './admin-form-state';

const BUTTONS = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-700',
  danger:
    'border border-rose-300 bg-white text-rose-700 hover:bg-rose-50 dark:border-rose-700 dark:bg-zinc-900 dark:text-rose-300 dark:hover:bg-rose-950',
} as const;

/**
 * A small admin form: its fields, one submit button, and the server's answer read out beside it.
 * A destructive one asks first (`confirm`); one whose subject goes away once done (`doneInSection`)
 * says so in the enclosing SectionStatus, which outlasts it.
 */
export function AdminForm({
  action,
  submitLabel,
  submitDescription,
  tone = 'primary',
  confirm,
  successMessage,
  doneInSection = false,
  className,
  children,
}: {
  action: AdminFormAction;
  submitLabel: string;
  /** What the button does in full, for screen readers, where several forms share one visible label. */
  submitDescription?: string;
  tone?: keyof typeof BUTTONS;
  /** The question asked before submitting, in a modal dialog. */
  confirm?: { title: string; body: string; confirmLabel: string };
  /** What the form says once the server has done it ("Saved." unless told). */
  successMessage?: string;
  doneInSection?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  const t = useTranslations('admin.form');
  const announce = useAnnounce();
  const done = successMessage ?? t('saved');
  const [state, formAction, pending] = useActionState<AdminFormState, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    // Said here, not from the answer's state: the page re-renders without this form in the same update.
    if (result?.ok && doneInSection) announce(done);
    return result;
  }, null);
  const buttonClass = `self-start rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${BUTTONS[tone]}`;
  return (
    <form action={formAction} className={className ?? 'flex flex-wrap items-center gap-3'}>
      {children}
      {confirm ? (
        <ConfirmSubmit
          label={submitLabel}
          title={confirm.title}
          body={confirm.body}
          confirmLabel={confirm.confirmLabel}
          tone={tone === 'danger' ? 'danger' : 'neutral'}
          disabled={pending}
          className={buttonClass}
        />
      ) : (
        <button type="submit" disabled={pending} aria-label={submitDescription} className={buttonClass}>
          {submitLabel}
        </button>
      )}
      <span role="status" className="text-sm">
        {pending ? <span className="text-zinc-600 dark:text-zinc-400">{t('saving')}</span> : null}
        {!pending && state && !state.ok ? <span className="text-rose-700 dark:text-rose-300">{state.message}</span> : null}
        {!pending && state?.ok && !doneInSection ? <span className="text-emerald-700 dark:text-emerald-300">{done}</span> : null}
      </span>
    </form>
  );
}
