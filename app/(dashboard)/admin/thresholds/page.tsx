import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { getThresholdOverview } from '@/lib/admin/thresholds';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isNetworkOps } from '@/lib/auth/permissions';
import { AdminForm } from '../_components/admin-form';
import { saveGlobalSettingsAction, saveTenantThresholdAction } from './actions';

export const metadata = { title: 'Thresholds · SSPM' };

const input = 'w-28 rounded-md border border-zinc-300 px-3 py-1.5 text-sm tabular-nums';

export default async function ThresholdsPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isNetworkOps(caller)) return <NoAccess />;
  const overview = await getThresholdOverview(ctx, caller);

  return (
    <>
      <PageHeader
        title="Thresholds"
        description={`Concurrent-port increases up to the daily threshold are approved at once; above it, an Account Representative decides. Usage is for ${overview.day} (UTC).`}
      />
      <section className="mb-8 rounded-lg border border-zinc-200 bg-white p-5" aria-labelledby="global-heading">
        <h2 id="global-heading" className="mb-4 text-base font-semibold text-zinc-900">
          Global settings
        </h2>
        <AdminForm action={saveGlobalSettingsAction} submitLabel="Save global settings" className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="dailyThreshold" className="block text-sm font-medium text-zinc-700">
              Daily threshold (ports per tenant)
            </label>
            <input id="dailyThreshold" name="dailyThreshold" type="number" min={0} max={9999} defaultValue={overview.dailyThreshold} className={input} />
          </div>
          <div>
            <label htmlFor="portPriceCents" className="block text-sm font-medium text-zinc-700">
              Monthly price per concurrent port (cents; 0 hides the cost)
            </label>
            <input id="portPriceCents" name="portPriceCents" type="number" min={0} defaultValue={overview.portPriceCents} className={input} />
          </div>
        </AdminForm>
      </section>
      <section className="rounded-lg border border-zinc-200 bg-white" aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className="border-b border-zinc-200 px-5 py-3 text-base font-semibold text-zinc-900">
          Per-tenant overrides and today’s automatic approvals
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-5 py-2 font-medium">Tenant</th>
              <th className="px-5 py-2 text-right font-medium">Threshold</th>
              <th className="px-5 py-2 text-right font-medium">Used today</th>
              <th className="px-5 py-2 text-right font-medium">Remaining</th>
              <th className="px-5 py-2 font-medium">Override</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {overview.tenants.map((tenant) => (
              <tr key={tenant.id}>
                <td className="px-5 py-3 font-medium text-zinc-900">{tenant.name}</td>
                <td className="px-5 py-3 text-right tabular-nums">{tenant.threshold}</td>
                <td className="px-5 py-3 text-right tabular-nums">{tenant.usedToday}</td>
                <td className="px-5 py-3 text-right tabular-nums">{tenant.remaining}</td>
                <td className="px-5 py-3">
                  <AdminForm action={saveTenantThresholdAction} submitLabel="Save" submitDescription={`Save the override of ${tenant.name}`}>
                    <input type="hidden" name="tenantId" value={tenant.id} />
                    <label className="sr-only" htmlFor={`override-${tenant.id}`}>
                      Override for {tenant.name} (empty for the global threshold)
                    </label>
                    <input
                      id={`override-${tenant.id}`}
                      name="dailyThreshold"
                      type="number"
                      min={0}
                      max={9999}
                      placeholder="global"
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
