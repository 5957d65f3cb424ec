'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

const RETRY_SECONDS = 5;

/**
 * What a page shows while SSPM cannot reach its database: not an error to report, a wait. It tries
 * again by itself every few seconds, and at once on the button.
 */
export function BackInAMoment({ retry }: { retry: () => void }) {
  const t = useTranslations('common.backInAMoment');
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setAttempt((n) => n + 1);
      retry();
    }, RETRY_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [attempt, retry]);

  return (
    <section role="status" aria-live="polite" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">{t('title')}</h1>
      <p className="mt-2 text-sm">{t('body', { seconds: RETRY_SECONDS })}</p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        {t('retry')}
      </button>
    </section>
  );
}
