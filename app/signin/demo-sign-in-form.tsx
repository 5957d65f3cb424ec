'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { demoSignInAction } from './actions';
import type { DemoSignInError, DemoSignInState } from './state';

export type DemoUserOption = { email: string; name: string; groups: readonly string[] };

export function DemoSignInForm({ users, callbackUrl }: { users: DemoUserOption[]; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<DemoSignInState, FormData>(demoSignInAction, null);
  const t = useTranslations('signin.demo');

  const describe = (error: DemoSignInError): string => {
    switch (error.code) {
      case 'too_many_attempts':
        return t('error.too_many_attempts', { minutes: error.minutes });
      case 'unknown_user':
        return t('error.unknown_user', { email: error.email });
      default:
        return t(`error.${error.code}`);
    }
  };

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <fieldset disabled={pending} className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-zinc-700">{t('legend')}</legend>
        {users.map((user) => (
          <button
            key={user.email}
            type="submit"
            name="email"
            value={user.email}
            aria-label={t('user', { name: user.name, email: user.email })}
            className="flex w-full items-center justify-between gap-4 rounded-lg border border-zinc-200 bg-white px-4 py-3 text-left shadow-xs transition hover:border-indigo-400 hover:bg-indigo-50 disabled:cursor-wait disabled:opacity-60"
          >
            <span>
              <span className="block font-medium text-zinc-900">{user.name}</span>
              <span className="block text-sm text-zinc-600">{user.email}</span>
            </span>
            <span className="shrink-0 text-xs text-zinc-500">{user.groups.join(', ')}</span>
          </button>
        ))}
      </fieldset>
      <p aria-live="polite" className="min-h-5 text-sm text-rose-700">
        {pending ? <span className="text-zinc-600">{t('signingIn')}</span> : state ? describe(state) : null}
      </p>
    </form>
  );
}
