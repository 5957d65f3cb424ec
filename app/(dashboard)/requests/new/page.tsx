import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges } from '@/lib/auth/permissions';
import { costIsShown } from '@/lib/domain/cost';
import { AppError } from '@/lib/domain/errors';
import { enabledPortTypes } from '@/lib/domain/ports';
import { getEnv } from '@/lib/env';
import { getVisibleTenant } from '@/lib/requests/read-requests';
import { getThresholdStatus } from '@/lib/requests/threshold-status';
import type { TenantView } from '@/lib/requests/views';
import { getRecentPeaks } from '@/lib/usage/tenant-usage-view';
import { parseRequestPrefill } from '@/lib/validation/request-prefill';
import { type SearchParams, searchParam } from '@/lib/validation/search-params';
import { tenantIdSchema } from '@/lib/validation/tenant';
import { NoAccess, Notice } from '../../../_components/notice';
import { PageHeader } from '../../../_components/page-header';
import { NewRequestForm } from './new-request-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('newRequest');
  return { title: t('title') };
}

const linkClass = 'font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300';

export default async function NewRequestPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { caller, ctx } = await requirePageCaller();
  const t = await getTranslations('newRequest');
  if (!canRequestChanges(caller)) {
    return (
      <>
        <PageHeader title={t('title')} />
        <NoAccess>
          <p>{t('cannotRequest')}</p>
        </NoAccess>
      </>
    );
  }

  const query = await searchParams;
  // `tenantId`, the API's name, reads as the form's own `tenant`.
  const tenantParam = typeof query.tenant === 'string' && query.tenant !== '' ? 'tenant' : 'tenantId';
  if (typeof query[tenantParam] !== 'string' || query[tenantParam] === '') {
    return (
      <>
        <PageHeader title={t('title')} />
        <Notice title={t('chooseTenant.title')}>
          <p>
            {t.rich('chooseTenant.body', {
              link: (chunks) => (
                <Link href="/" className={linkClass}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </Notice>
      </>
    );
  }

  // Not a tenant id at all (a NUL, a control character) names no tenant: it never reaches the database.
  const tenantId = searchParam(query, tenantParam, tenantIdSchema);
  if (!tenantId) notFound();
  let tenant: TenantView;
  try {
    tenant = await getVisibleTenant(ctx, caller, tenantId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    if (error instanceof AppError && error.code === 'forbidden') return <NoAccess />;
    throw error;
  }

  const title = t('titleFor', { tenant: tenant.name });
  if (!tenant.monitoringGatewayEnabled) {
    return (
      <>
        <PageHeader title={title} />
        <Notice title={t('noGateway.title')}>
          <p>{t('noGateway.body', { tenant: tenant.name })}</p>
        </Notice>
      </>
    );
  }
  if (tenant.openRequestId) {
    return (
      <>
        <PageHeader title={title} />
        <Notice title={t('alreadyOpen.title')}>
          <p>{t('alreadyOpen.body', { tenant: tenant.name })}</p>
          <p>
            <Link href={`/requests/${tenant.openRequestId}`} className={linkClass}>
              {t('alreadyOpen.view')}
            </Link>
          </p>
        </Notice>
      </>
    );
  }

  // Limits in the address (a right-sizing suggestion's) fill the form in; what cannot be read is said, never an error.
  const prefill = parseRequestPrefill(query, enabledPortTypes(tenant.personalConnectionEnabled));
  const [threshold, peaks, tUsage, tCommon, format] = await Promise.all([
    getThresholdStatus(ctx, caller, tenant.id),
    getRecentPeaks(ctx, caller, tenant.id),
    getTranslations('usage.form'),
    getTranslations('common'),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader title={title} description={t('description', { cost: costIsShown(threshold.portPriceCents) ? 'yes' : 'no' })} />
      {prefill.ignored.length > 0 ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {tUsage('prefillIgnored', { fields: format.list(prefill.ignored.map((type) => tCommon(`portsOf.${type}`))) })}
        </p>
      ) : null}
      {/* Remount with fresh values when the limits change under the form (after a stale_limits refresh). */}
      <NewRequestForm
        key={JSON.stringify(tenant.limits)}
        tenant={tenant}
        threshold={threshold}
        currency={getEnv().PORT_PRICE_CURRENCY}
        peaks={peaks}
        prefill={prefill.limits}
      />
    </>
  );
}
