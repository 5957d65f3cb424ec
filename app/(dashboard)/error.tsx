'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { isUnavailableDigest } from '@/lib/http/unavailable-digest';
import { BackInAMoment } from '../_components/back-in-a-moment';

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations();
  useEffect(() => {
    console.error(error);
  }, [error]);
  if (isUnavailableDigest(error)) {
    return <BackInAMoment retry={retry} />;
  }

  return (
    <section role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-6 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
      <h1 className="text-lg font-semibold">{t('dashboard.error.title')}</h1>
      <p className="mt-2 text-sm">{t('dashboard.error.body')}</p>
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        {t('common.error.retry')}
      </button>
    </section>
  );
}
