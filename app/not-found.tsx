import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { connection } from 'next/server';

/** The tab says what happened, like the page: "Page not found · Self-Service Port Management". */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.notFound');
  return { title: t('title') };
}

/**
 * Rendered per request, never prerendered: a prerendered page has no CSP nonce on its scripts (the
 * browser blocks them) and would miss the demo-mode banner, which depends on the running server.
 */
export default async function NotFound() {
  await connection();
  const t = await getTranslations('common.notFound');
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t('body')}</p>
      <Link href="/" className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">
        {t('home')}
      </Link>
    </main>
  );
}
