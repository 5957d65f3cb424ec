'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState } from 'react';
import type { AdminFormAction, AdminFormState } from './admin-form-state';

/** A small admin form: its fields, one submit button, and the server's answer read out beside it. */
export function AdminForm({
  action,
  submitLabel,
  submitDescription,
  tone = 'primary',
  successMessage,
  className,
  children,
}: {
  action: AdminFormAction;
  submitLabel: string;
  /** What the button does in full, for screen readers, where several forms share one visible label. */
  submitDescription?: string;
  tone?: 'primary' | 'danger';
  /** What the form says once the server has done it ("Saved." unless told). */
  successMessage?: string;
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<AdminFormState, FormData>(action, null);
  const t = useTranslations('admin.form');
  const button =
    tone === 'danger'
      ? 'border border-rose-300 bg-white text-rose-700 hover:bg-rose-50'
      : 'bg-indigo-600 text-white hover:bg-indigo-700';
  return (
    <form action={formAction} className={className ?? 'flex flex-wrap items-center gap-3'}>
      {children}
      <button
        type="submit"
        disabled={pending}
        aria-label={submitDescription}
        className={`self-start rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${button}`}
      >
        {submitLabel}
      </button>
      <span aria-live="polite" className="text-sm">
        {pending ? <span className="text-zinc-500">{t('saving')}</span> : null}
        {!pending && state && !state.ok ? <span className="text-rose-700">{state.message}</span> : null}
        {!pending && state?.ok ? <span className="text-emerald-700">{successMessage ?? t('saved')}</span> : null}
      </span>
    </form>
  );
}
