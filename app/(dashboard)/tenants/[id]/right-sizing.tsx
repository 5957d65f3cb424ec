import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { costIsShown } from '@/lib/domain/cost';
import { DECREASE_BELOW_PERCENT, DECREASE_HEADROOM_PERCENT, INCREASE_FROM_PERCENT } from '@/lib/domain/right-sizing';
import { utilisationPercent } from '@/lib/domain/usage';
import { RIGHT_SIZING_DAYS, wholePercent } from '@/lib/usage/recent-peaks';
import type { TenantUsageView } from '@/lib/usage/tenant-usage-view';
import { formatCents } from '../../_lib/money';

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/**
 * Issue 13 §6: what the last 30 days say each limit should be. A suggestion opens the new-request
 * form with its number filled in; the user still submits it and every rule applies there.
 */
export function RightSizing({ view, currency }: { view: TenantUsageView; currency: string }) {
  const t = useTranslations('usage.suggestions');
  const format = useFormatter();
  const showCost = costIsShown(view.portPriceCents);
  return (
    <section aria-labelledby="right-sizing-heading">
      <h2 id="right-sizing-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
        {t('heading')}
      </h2>
      {view.suggestions.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{t('none', { days: RIGHT_SIZING_DAYS })}</p>
      ) : (
        <ul className="mt-3 grid gap-3 lg:grid-cols-2">
          {view.suggestions.map((suggestion) => {
            const percent = wholePercent(utilisationPercent(suggestion.peak, suggestion.from) ?? 0);
            const cents = suggestion.kind === 'decrease' ? suggestion.monthlySavingCents : suggestion.monthlyCostCents;
            return (
              <li
                key={suggestion.type}
                className={`rounded-lg border p-4 text-sm ${
                  suggestion.kind === 'increase'
                    ? 'border-rose-300 bg-white dark:border-rose-800 dark:bg-zinc-900'
                    : 'border-emerald-300 bg-white dark:border-emerald-800 dark:bg-zinc-900'
                } text-zinc-900 dark:text-zinc-100`}
              >
                <p className="font-medium">
                  {t('change', { kind: suggestion.kind, port: suggestion.type, from: suggestion.from, to: suggestion.to })}
                </p>
                <p className="mt-1 text-zinc-700 dark:text-zinc-300">
                  {t('because', { kind: suggestion.kind, peak: suggestion.peak, percent, days: RIGHT_SIZING_DAYS })}
                </p>
                {showCost && cents > 0 ? (
                  <p className="mt-1 font-medium tabular-nums text-zinc-900 dark:text-zinc-100">
                    {t('money', { kind: suggestion.kind, amount: formatCents(format, cents, currency) })}
                  </p>
                ) : null}
                {view.mayRequest ? (
                  <p className="mt-3">
                    <Link
                      href={suggestion.href}
                      className="inline-block rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
                    >
                      {t.rich('request', { port: suggestion.type, to: suggestion.to, sr: srOnly })}
                    </Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        {t('basis', { days: RIGHT_SIZING_DAYS, below: DECREASE_BELOW_PERCENT, headroom: DECREASE_HEADROOM_PERCENT, from: INCREASE_FROM_PERCENT })}
      </p>
    </section>
  );
}
