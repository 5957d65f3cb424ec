'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { ExpectedPeakField } from '../../_components/expected-peak-field';
import { FieldError, FormFeedback } from '../../_components/form-feedback';
import type { RequestActionState, RequestFormAction } from '../../_lib/action-state';

export function AddInformationForm({ action }: { action: RequestFormAction }) {
  const t = useTranslations('requests.addInformation');
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(action, null);
  const [justification, setJustification] = useState('');
  const [expectedPeak, setExpectedPeak] = useState('');
  const errors = state && !state.ok ? state.fieldErrors?.justification : undefined;

  return (
    <form action={formAction} className="space-y-2">
      <div>
        <label htmlFor="justification" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
          {t('label')}
        </label>
        <p id="justification-hint" className="text-sm text-zinc-500 dark:text-zinc-400">
          {t('hint')}
        </p>
        <textarea
          id="justification"
          name="justification"
          rows={4}
          required
          maxLength={4000}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          aria-describedby="justification-hint justification-error"
          aria-invalid={errors ? true : undefined}
          className="mt-1 block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-600"
        />
        <FieldError id="justification-error" messages={errors} />
      </div>
      <ExpectedPeakField value={expectedPeak} onChange={setExpectedPeak} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60"
      >
        {t('submit')}
      </button>
      {/* On success the page opens again and says so (ActionNotice): this form is gone by then. */}
      <FormFeedback state={state} pending={pending} pendingText={t('pending')} />
    </form>
  );
}
