'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { demoSignInAction } from './actions';
import type { DemoSignInError, DemoSignInState } from './state';

/** A demo user as the sign-in page offers it: `role` is what the user does, in words. */
export type DemoUserOption = { email: string; name: string; role: string };

export function DemoSignInForm({ users, callbackUrl }: { users: DemoUserOption[]; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<DemoSignInState, FormData>(demoSignInAction, null);
  const t = useTranslations('signin.demo');
  const id = useId();

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
        <legend className="mb-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">{t('legend')}</legend>
        {users.map((user, index) => (
          <button
            key={user.email}
            type="submit"
            name="email"
            value={user.email}
            aria-label={t('user', { name: user.name, email: user.email })}
            aria-describedby={`${id}-role-${index}`}
            className="block w-full rounded-lg border border-zinc-200 bg-white px-4 py-3 text-left shadow-xs transition hover:border-indigo-400 hover:bg-indigo-50 disabled:cursor-wait disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:border-indigo-400 dark:hover:bg-indigo-950"
          >
            <span className="block font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span>
            <span className="block text-sm break-words text-zinc-600 dark:text-zinc-400">{user.email}</span>
            <span id={`${id}-role-${index}`} className="mt-1 block text-sm text-zinc-700 dark:text-zinc-300">
              {user.role}
            </span>
          </button>
        ))}
      </fieldset>
      <p aria-live="polite" className="min-h-5 text-sm text-rose-700 dark:text-rose-300">
        {pending ? <span className="text-zinc-600 dark:text-zinc-400">{t('signingIn')}</span> : state ? describe(state) : null}
      </p>
    </form>
  );
}
