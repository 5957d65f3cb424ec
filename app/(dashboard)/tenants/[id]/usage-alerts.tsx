import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { TenantUsageView } from '@/lib/usage/tenant-usage-view';
import { wholePercent } from '@/lib/usage/recent-peaks';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

const TONES = {
  warning: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100',
  danger: 'border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100',
};

/**
 * The banner of issue 13 §5 on the tenant's own page: the last 24 hours' peak reached 80, 95 or 100 %
 * of a limit. Words first (the level is in the sentence), colour second.
 */
export function UsageAlerts({ view }: { view: TenantUsageView }) {
  const t = useTranslations('usage.alerts');
  if (view.alerts.length === 0) return null;
  const top = Math.max(...view.alerts.map((alert) => alert.level));
  return (
    <section aria-labelledby="usage-alerts-heading" className={`rounded-lg border p-4 ${top >= 95 ? TONES.danger : TONES.warning}`}>
      <h2 id="usage-alerts-heading" className="text-base font-semibold">
        {t('title', { level: String(top) })}
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {view.alerts.map((alert) => {
          const increase = view.suggestions.find((suggestion) => suggestion.type === alert.type && suggestion.kind === 'increase');
          return (
            <li key={alert.type}>
              {t('item', { port: alert.type, level: String(alert.level), peak: alert.peak, limit: alert.limit, percent: wholePercent(alert.percent) })}
              {increase && view.mayRequest ? (
                <>
                  {' '}
                  <Link href={increase.href} className="font-medium underline underline-offset-4">
                    {t.rich('raise', { port: alert.type, to: increase.to, sr: srOnly })}
                  </Link>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
