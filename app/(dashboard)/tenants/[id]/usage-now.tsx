import { useFormatter, useTranslations } from 'next-intl';
import type { TenantUsageView } from '@/lib/usage/tenant-usage-view';
import { UtilisationBar } from '../../_components/utilisation-bar';

const WINDOWS = [
  ['day', 'lastDay'],
  ['week', 'lastWeek'],
  ['month', 'lastMonth'],
] as const;

/** Today's limits, each against its peak of the last 24 hours, 7 days and 30 days. */
export function UsageNow({ view }: { view: TenantUsageView }) {
  const t = useTranslations('usage.now');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  return (
    <section aria-labelledby="usage-now-heading">
      <h2 id="usage-now-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
        {t('heading')}
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {view.ports.map((port) => (
          <li key={port.type} className="rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
            <h3 className="text-sm font-semibold">{tCommon(`portsOf.${port.type}`)}</h3>
            <p className="mt-1 text-2xl font-semibold tabular-nums">
              {format.number(port.lastDay.limit)}
              <span className="ml-1 text-sm font-normal text-zinc-600 dark:text-zinc-400">{t('limit')}</span>
            </p>
            <dl className="mt-3 space-y-2 text-sm">
              {WINDOWS.map(([window, key]) => (
                <div key={window} className="grid grid-cols-[7rem_minmax(0,1fr)] items-start gap-3">
                  <dt className="text-zinc-600 dark:text-zinc-400">{t('window', { window })}</dt>
                  <dd>
                    <UtilisationBar utilisation={port[key]} window={window} />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
