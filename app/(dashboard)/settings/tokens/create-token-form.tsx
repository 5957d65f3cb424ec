'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState, useState } from 'react';
import { createApiTokenAction } from './actions';
import type { CreateTokenState } from './state';

const inputClass =
  'mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100';

/** How the API takes a token; code, not words. */
const AUTHORIZATION_HEADER = 'Authorization: Bearer <token>';
const API_PATH = '/api/v1';
const code = (chunks: ReactNode) => <code>{chunks}</code>;

export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createApiTokenAction, null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const t = useTranslations('tokens.create');

  return (
    <form action={formAction} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            {t('name')}
          </label>
          <input
            id="token-name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={100}
            required
            aria-describedby="token-name-error"
            aria-invalid={errors?.name ? true : undefined}
            className={inputClass}
          />
          <p id="token-name-error" aria-live="polite" className="mt-1 min-h-4 text-sm text-rose-700 dark:text-rose-300">
            {errors?.name?.join(' ')}
          </p>
        </div>
        <div>
          <label htmlFor="token-days" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            {t('expiresAfter')}
          </label>
          <input
            id="token-days"
            name="expiresInDays"
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            aria-describedby="token-days-error"
            aria-invalid={errors?.expiresInDays ? true : undefined}
            className={inputClass}
          />
          <p id="token-days-error" aria-live="polite" className="mt-1 min-h-4 text-sm text-rose-700 dark:text-rose-300">
            {errors?.expiresInDays?.join(' ')}
          </p>
        </div>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60"
      >
        {t('submit')}
      </button>
      <div role="status" className="text-sm">
        {state && !state.ok && !errors ? <p className="text-rose-700 dark:text-rose-300">{state.message}</p> : null}
        {state?.ok ? (
          <div className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100">
            <p className="font-medium">{t('created', { name: state.data.name })}</p>
            <code data-testid="new-api-token" className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-900 dark:text-zinc-100">
              {state.data.token}
            </code>
            <p className="mt-2">{t.rich('usage', { header: AUTHORIZATION_HEADER, path: API_PATH, code })}</p>
          </div>
        ) : null}
      </div>
    </form>
  );
}
