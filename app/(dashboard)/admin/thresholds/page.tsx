import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { getThresholdOverview } from '@/lib/admin/thresholds';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isNetworkOps } from '@/lib/auth/permissions';
import { getEnv } from '@/lib/env';
import { GlobalSettingsForm, TenantThresholdForm } from './thresholds-forms';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.thresholds');
  return { title: t('metaTitle') };
}

const cell = 'px-3 py-3 sm:px-5';

export default async function ThresholdsPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isNetworkOps(caller)) {
    const tc = await getTranslations('common');
    return (
      <>
        <PageHeader title={tc('nav.thresholds')} />
        <NoAccess />
      </>
    );
  }
  const [overview, t, tc, format] = await Promise.all([
    getThresholdOverview(ctx, caller),
    getTranslations('admin'),
    getTranslations('common'),
    getFormatter(),
  ]);
  // The threshold counts UTC days: the day is written in the reader's language, but as the UTC day.
  const day = format.dateTime(new Date(`${overview.day}T00:00:00.000Z`), 'date', { timeZone: 'UTC' });
  // The saved price as the reader would type it (12.50 or 12,50): the form reads either back.
  const portPrice = format.number(overview.portPriceCents / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

  return (
    <>
      <PageHeader title={tc('nav.thresholds')} description={t('thresholds.description', { day })} />
      <section className="mb-8 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100" aria-labelledby="global-heading">
        <h2 id="global-heading" className="mb-4 text-base font-semibold text-zinc-900 dark:text-zinc-100">
          {t('thresholds.global.title')}
        </h2>
        <GlobalSettingsForm dailyThreshold={overview.dailyThreshold} portPrice={portPrice} currency={getEnv().PORT_PRICE_CURRENCY} />
      </section>
      <section className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100" aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900 dark:border-zinc-700 dark:text-zinc-100">
          {t('thresholds.tenants.title')}
        </h2>
        {/* On a phone the table scrolls within its box, never the page. */}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              <tr>
                <th scope="col" className={`${cell} py-2 font-medium`}>
                  {t('thresholds.tenants.tenant')}
                </th>
                <th scope="col" className={`${cell} py-2 text-right font-medium`}>
                  {t('thresholds.tenants.threshold')}
                </th>
                <th scope="col" className={`${cell} py-2 text-right font-medium`}>
                  {t('thresholds.tenants.usedToday')}
                </th>
                <th scope="col" className={`${cell} py-2 text-right font-medium`}>
                  {t('thresholds.tenants.remaining')}
                </th>
                <th scope="col" className={`${cell} py-2 font-medium`}>
                  {t('thresholds.tenants.override')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {overview.tenants.map((tenant) => (
                <tr key={tenant.id}>
                  <th scope="row" className={`${cell} font-medium text-zinc-900 dark:text-zinc-100`}>
                    {tenant.name}
                  </th>
                  <td className={`${cell} text-right tabular-nums`}>{format.number(tenant.threshold)}</td>
                  <td className={`${cell} text-right tabular-nums`}>{format.number(tenant.usedToday)}</td>
                  <td className={`${cell} text-right tabular-nums`}>{format.number(tenant.remaining)}</td>
                  <td className={cell}>
                    <TenantThresholdForm tenantId={tenant.id} tenantName={tenant.name} override={tenant.override} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
