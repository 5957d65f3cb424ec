import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canViewPorts } from '@/lib/auth/permissions';
import { AppError } from '@/lib/domain/errors';
import { getEnv } from '@/lib/env';
import { RIGHT_SIZING_DAYS } from '@/lib/usage/recent-peaks';
import { type TenantUsageView, getTenantUsageView } from '@/lib/usage/tenant-usage-view';
import { newRequestHref } from '@/lib/validation/request-prefill';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { NoAccess } from '../../../_components/notice';
import { PageHeader } from '../../../_components/page-header';
import { AutoIncreaseSection } from './auto-increase-section';
import { RightSizing } from './right-sizing';
import { TenantRequests } from './tenant-requests';
import { UsageAlerts } from './usage-alerts';
import { UsageChart } from './usage-chart';
import { UsageNow } from './usage-now';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('usage.page');
  return { title: t('metaTitle') };
}

const linkClass = 'text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300';
const buttonClass = 'inline-block whitespace-nowrap rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-800';

/**
 * A tenant's usage (issue 13 §4, §6): its limits against what it really used over 30 days, drawn on
 * the server as SVG (no chart JavaScript), with the alerts, the right-sizing suggestions and its
 * requests. A tenant outside the caller's scope is as absent as an unknown one.
 */
export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { caller, ctx } = await requirePageCaller();
  const t = await getTranslations('usage.page');
  if (!canViewPorts(caller)) {
    return (
      <>
        <PageHeader title={t('metaTitle')} />
        <NoAccess />
      </>
    );
  }

  const { id } = await params;
  // Not a tenant id at all (a control character, 201 characters) names no tenant: it never reaches the database.
  const tenantId = tenantIdSchema.safeParse(id);
  if (!tenantId.success) notFound();
  const timeZone = await getTimeZone();
  let view: TenantUsageView;
  try {
    view = await getTenantUsageView(ctx, caller, tenantId.data, { timeZone });
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }

  const { tenant } = view;
  const currency = getEnv().PORT_PRICE_CURRENCY;
  const canStart = view.mayRequest && tenant.monitoringGatewayEnabled && !tenant.openRequestId;
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="mb-4 text-sm">
        <Link href="/" className={linkClass}>
          {t('back')}
        </Link>
      </nav>
      <PageHeader
        title={tenant.name}
        description={t('description', { id: tenant.id, days: RIGHT_SIZING_DAYS })}
        actions={
          canStart ? (
            <Link href={newRequestHref(tenant.id)} className={buttonClass}>
              {t('requestChange')}
            </Link>
          ) : view.mayRequest && tenant.openRequestId ? (
            <Link href={`/requests/${tenant.openRequestId}`} className={`${linkClass} py-2 text-sm font-medium`}>
              {t('viewOpenRequest')}
            </Link>
          ) : null
        }
      />

      <div className="space-y-8">
        <UsageAlerts view={view} />
        <UsageNow view={view} />

        <section aria-labelledby="usage-charts-heading" className="space-y-4">
          <h2 id="usage-charts-heading" className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
            {t('chartsHeading', { days: RIGHT_SIZING_DAYS })}
          </h2>
          {view.ports.map((port) => (
            <UsageChart key={port.type} port={port} window={view.window} timeZone={timeZone} />
          ))}
        </section>

        <RightSizing view={view} currency={currency} />
        <AutoIncreaseSection tenantId={tenant.id} />
        <TenantRequests view={view} />
      </div>
    </>
  );
}
