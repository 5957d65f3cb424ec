'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef } from 'react';

const TONES = {
  danger: 'bg-red-700 text-white hover:bg-red-800',
  neutral: 'bg-indigo-700 text-white hover:bg-indigo-800',
} as const;

/**
 * A destructive form's submit button that asks first. Placed inside the `<form>`: the trigger opens
 * a modal `<dialog>` (focus moves into it, Escape closes it, the page behind is inert), whose
 * confirm button submits the form and whose other button goes back without changing anything.
 */
export function ConfirmSubmit({
  label,
  title,
  body,
  confirmLabel,
  tone = 'danger',
  disabled = false,
  className,
}: {
  /** The button on the page ("Cancel request"). */
  label: string;
  /** The question ("Cancel this request?"). */
  title: string;
  /** What happens, and whether it can be undone. */
  body?: string;
  /** The button that does it; the trigger's label when absent. */
  confirmLabel?: string;
  tone?: keyof typeof TONES;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations('common.confirm');
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
        className={className ?? `rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${TONES[tone]}`}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={body ? `${id}-body` : undefined}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-zinc-900/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {body ? (
          <p id={`${id}-body`} className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
            {body}
          </p>
        ) : null}
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <button
            type="button"
            autoFocus
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100"
          >
            {t('back')}
          </button>
          <button
            type="submit"
            onClick={() => dialog.current?.close()}
            className={`rounded-md px-3 py-2 text-sm font-medium ${TONES[tone]}`}
          >
            {confirmLabel ?? label}
          </button>
        </div>
      </dialog>
    </>
  );
}
