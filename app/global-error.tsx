'use client';

import { createTranslator } from 'next-intl';
import { useEffect } from 'react';
import { DEFAULT_LOCALE, negotiateLocale } from '@/lib/i18n/locales';
import enCommon from '@/lib/i18n/messages/en/common.json';
import ptBRCommon from '@/lib/i18n/messages/pt-BR/common.json';
import './globals.css';

// The root layout (and with it the language of the request) failed: only the browser's language is left.
const COMMON = { en: enCommon, 'pt-BR': ptBRCommon };

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const locale = (typeof navigator === 'undefined' ? null : negotiateLocale(navigator.languages.join(','))) ?? DEFAULT_LOCALE;
  const t = createTranslator({ locale, messages: { common: COMMON[locale] }, namespace: 'common' });

  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <title>{t('titleTemplate', { title: t('error.title') })}</title>
        <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">{t('error.title')}</h1>
          <p className="text-zinc-600" role="alert">
            {t('error.body')}
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
          >
            {t('error.retry')}
          </button>
        </main>
      </body>
    </html>
  );
}
