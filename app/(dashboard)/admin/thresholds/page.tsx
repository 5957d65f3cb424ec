import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { getThresholdOverview } from '@/lib/admin/thresholds';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isNetworkOps } from '@/lib/auth/permissions';
import { AdminForm } from '../_components/admin-form';
import { saveGlobalSettingsAction, saveTenantThresholdAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.thresholds');
  return { title: t('metaTitle') };
}

const input = 'w-28 rounded-md border border-zinc-300 px-3 py-1.5 text-sm tabular-nums';

export default async function ThresholdsPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isNetworkOps(caller)) return <NoAccess />;
  const [overview, t, tc, format] = await Promise.all([
    getThresholdOverview(ctx, caller),
    getTranslations('admin'),
    getTranslations('common'),
    getFormatter(),
  ]);
  // The threshold counts UTC days: the day is written in the reader's language, but as the UTC day.
  const day = format.dateTime(new Date(`${overview.day}T00:00:00.000Z`), 'date', { timeZone: 'UTC' });

  return (
    <>
      <PageHeader title={tc('nav.thresholds')} description={t('thresholds.description', { day })} />
      <section className="mb-8 rounded-lg border border-zinc-200 bg-white p-5" aria-labelledby="global-heading">
        <h2 id="global-heading" className="mb-4 text-base font-semibold text-zinc-900">
          {t('thresholds.global.title')}
        </h2>
        <AdminForm action={saveGlobalSettingsAction} submitLabel={t('thresholds.global.save')} className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="dailyThreshold" className="block text-sm font-medium text-zinc-700">
              {t('thresholds.global.dailyThreshold')}
            </label>
            <input id="dailyThreshold" name="dailyThreshold" type="number" min={0} max={9999} defaultValue={overview.dailyThreshold} className={input} />
          </div>
          <div>
            <label htmlFor="portPriceCents" className="block text-sm font-medium text-zinc-700">
              {t('thresholds.global.portPrice')}
            </label>
            <input id="portPriceCents" name="portPriceCents" type="number" min={0} defaultValue={overview.portPriceCents} className={input} />
          </div>
        </AdminForm>
      </section>
      <section className="rounded-lg border border-zinc-200 bg-white" aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900">
          {t('thresholds.tenants.title')}
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-5 py-2 font-medium">{t('thresholds.tenants.tenant')}</th>
              <th className="px-5 py-2 text-right font-medium">{t('thresholds.tenants.threshold')}</th>
              <th className="px-5 py-2 text-right font-medium">{t('thresholds.tenants.usedToday')}</th>
              <th className="px-5 py-2 text-right font-medium">{t('thresholds.tenants.remaining')}</th>
              <th className="px-5 py-2 font-medium">{t('thresholds.tenants.override')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {overview.tenants.map((tenant) => (
              <tr key={tenant.id}>
                <td className="px-5 py-3 font-medium text-zinc-900">{tenant.name}</td>
                <td className="px-5 py-3 text-right tabular-nums">{format.number(tenant.threshold)}</td>
                <td className="px-5 py-3 text-right tabular-nums">{format.number(tenant.usedToday)}</td>
                <td className="px-5 py-3 text-right tabular-nums">{format.number(tenant.remaining)}</td>
                <td className="px-5 py-3">
                  <AdminForm
                    action={saveTenantThresholdAction}
                    submitLabel={t('form.save')}
                    submitDescription={t('thresholds.tenants.saveDescription', { tenant: tenant.name })}
                  >
                    <input type="hidden" name="tenantId" value={tenant.id} />
                    <label className="sr-only" htmlFor={`override-${tenant.id}`}>
                      {t('thresholds.tenants.overrideLabel', { tenant: tenant.name })}
                    </label>
                    <input
                      id={`override-${tenant.id}`}
                      name="dailyThreshold"
                      type="number"
                      min={0}
                      max={9999}
                      placeholder={t('thresholds.tenants.overridePlaceholder')}
                      defaultValue={tenant.override ?? ''}
                      className={input}
                    />
                  </AdminForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
