'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { isUnavailableDigest } from '@/lib/http/unavailable-digest';
import { BackInAMoment } from './_components/back-in-a-moment';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('common.error');
  useEffect(() => {
    console.error(error);
  }, [error]);
  if (isUnavailableDigest(error)) {
    return (
      <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
        <BackInAMoment retry={retry} />
      </main>
    );
  }

  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="text-zinc-600" role="alert">
        {t('body')}
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        {t('retry')}
      </button>
    </main>
  );
}
