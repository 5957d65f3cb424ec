import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { REFUSAL_REASONS, type RefusalReason } from '@/lib/auth/provision-user';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin.refused');
  return { title: t('title') };
}

const isReason = (value: unknown): value is RefusalReason | 'too_many_attempts' =>
  value === 'too_many_attempts' || (REFUSAL_REASONS as readonly unknown[]).includes(value);

/** Where the sign-in callback sends an SSO sign-in it refused: why, and whom to ask. No session exists. */
export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const { reason } = await searchParams;
  const [t, tc] = await Promise.all([getTranslations('signin.refused'), getTranslations('common')]);
  const key = isReason(reason) ? (`reason.${reason}` as const) : 'unknown';

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700 dark:text-indigo-300">{tc('appShortName')}</p>
      <section role="alert" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        <h1 className="text-lg font-semibold">{t(`${key}.title`)}</h1>
        <p className="mt-2 text-sm">{t(`${key}.why`)}</p>
        <p className="mt-2 text-sm font-medium">{t(`${key}.ask`)}</p>
      </section>
      <p className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
        {t.rich('notSignedIn', {
          link: (chunks) => (
            <Link href="/signin" className="font-medium text-indigo-700 underline dark:text-indigo-300">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </main>
  );
}
