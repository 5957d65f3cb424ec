'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { switchAutoIncreaseAction } from './auto-increase-actions';
import type { AutoIncreaseSwitchState } from './auto-increase-state';

/**
 * The "raise automatically" switch: a real switch (role="switch", aria-checked) that submits the
 * opposite of its state, no confirmation (turning it back is one click, and both are audited).
 * The server's answer is read out in the status region beside it. `disabled`: the caller cannot
 * move it from where it is (a rep once it is off).
 */
export function AutoIncreaseSwitch({ tenantId, enabled, disabled = false }: { tenantId: string; enabled: boolean; disabled?: boolean }) {
  const t = useTranslations('autoIncrease.section');
  const [state, formAction, pending] = useActionState<AutoIncreaseSwitchState, FormData>(switchAutoIncreaseAction, null);
  const labelId = useId();
  const statusId = useId();
  const wanted = enabled ? 'off' : 'on';
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="enabled" value={wanted} />
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        aria-labelledby={labelId}
        aria-describedby={statusId}
        disabled={pending || disabled}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60 ${
          enabled ? 'bg-emerald-600' : 'bg-zinc-400 dark:bg-zinc-600'
        }`}
      >
        <span aria-hidden="true" className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${enabled ? 'translate-x-5' : 'translate-x-0.5'}`} />
      </button>
      <span id={labelId} className="text-sm font-medium">
        {t('switchLabel')}
      </span>
      <span className="text-sm text-zinc-600 dark:text-zinc-400">{t('state', { enabled: enabled ? 'on' : 'off' })}</span>
      <span id={statusId} role="status" aria-live="polite" className="min-h-5 basis-full text-sm">
        {pending ? (
          <span className="text-zinc-600 dark:text-zinc-400">{t('pending')}</span>
        ) : state && !state.ok ? (
          <span className="text-rose-700 dark:text-rose-300">{state.message}</span>
        ) : state?.ok ? (
          <span className="text-emerald-700 dark:text-emerald-300">{t('done', { enabled: state.data.enabled })}</span>
        ) : null}
      </span>
    </form>
  );
}
