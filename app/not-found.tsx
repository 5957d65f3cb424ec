import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { connection } from 'next/server';

/**
 * Rendered per request, never prerendered: a prerendered page has no CSP nonce on its scripts (the
 * browser blocks them) and would miss the demo-mode banner, which depends on the running server.
 */
export default async function NotFound() {
  await connection();
  const t = await getTranslations('common.notFound');
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="text-zinc-600">{t('body')}</p>
      <Link href="/" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
        {t('home')}
      </Link>
    </main>
  );
}
