import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/**
 * A full-width message in place of a page's content: no access, nothing to show, and so on. Where
 * it is the whole page (a not-found page, a page refused), its title is the page's `h1`.
 */
export function Notice({
  title,
  children,
  tone = 'neutral',
  level = 2,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'warning';
  /** 1 when the notice is the page itself, with no PageHeader above it. */
  level?: 1 | 2;
}) {
  const colours =
    tone === 'warning'
      ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
      : 'border-zinc-200 bg-white text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200';
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section className={`rounded-lg border p-6 ${colours}`}>
      <Heading className={level === 1 ? 'text-xl font-semibold' : 'text-base font-semibold'}>{title}</Heading>
      {children ? <div className="mt-2 space-y-2 text-sm">{children}</div> : null}
    </section>
  );
}

/** What a signed-in user without the needed permission sees, instead of an error page. */
export function NoAccess({ children, level }: { children?: ReactNode; level?: 1 | 2 }) {
  const t = useTranslations('dashboard.noAccess');
  return (
    <Notice title={t('title')} tone="warning" level={level}>
      {children ?? <p>{t('body')}</p>}
    </Notice>
  );
}

/** A not-found page: the notice as the page's `h1`, why there is nothing here, and the way back. */
export function NotFoundNotice({ title, body, back }: { title: string; body: string; back: { href: string; label: string } }) {
  return (
    <Notice title={title} level={1}>
      <p>{body}</p>
      <p>
        <Link href={back.href} className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">
          {back.label}
        </Link>
      </p>
    </Notice>
  );
}
