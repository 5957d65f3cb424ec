import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/** A full-width message in place of a page's content: no access, nothing to show, and so on. */
export function Notice({
  title,
  children,
  tone = 'neutral',
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'warning';
}) {
  const colours =
    tone === 'warning' ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-zinc-200 bg-white text-zinc-800';
  return (
    <section className={`rounded-lg border p-6 ${colours}`}>
      <h2 className="text-base font-semibold">{title}</h2>
      {children ? <div className="mt-2 space-y-2 text-sm">{children}</div> : null}
    </section>
  );
}

/** What a signed-in user without the needed permission sees, instead of an error page. */
export function NoAccess({ children }: { children?: ReactNode }) {
  const t = useTranslations('dashboard.noAccess');
  return (
    <Notice title={t('title')} tone="warning">
      {children ?? <p>{t('body')}</p>}
    </Notice>
  );
}
