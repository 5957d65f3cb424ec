import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { costIsShown, requestMonthlyCostCents } from '@/lib/domain/cost';
import { AppError } from '@/lib/domain/errors';
import { AUTO_DECIDER, type RequestStatus } from '@/lib/domain/lifecycle';
import { enabledPortTypes } from '@/lib/domain/ports';
import { getEnv } from '@/lib/env';
import { type RequestDetail, getRequestDetail } from '@/lib/requests/read-requests';
import { listCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import { requestIdSchema } from '@/lib/validation/request';
import type { SearchParams } from '@/lib/validation/search-params';
import { LocalTime } from '../../../_components/local-time';
import { NoAccess } from '../../../_components/notice';
import { PortChangeList } from '../../../_components/port-changes';
import { RevertBlockedReason } from '../../../_components/revert-blocked-reason';
import { StatusBadge } from '../../../_components/status-badge';
import { DecisionForm } from '../../_components/decision-form';
import { MonthlyCostImpact } from '../../_components/monthly-cost';
import { OwnRequestNote } from '../../_components/own-request-note';
import { type RequestNotice, isRequestNotice } from '../../_lib/request-notice';
import { ActionNotice } from './action-notice';
import { AddInformationForm } from './add-information-form';
import { addInformationAction, cancelRequestAction, decideOnRequestPageAction } from './actions';
import { CancelRequestForm } from './cancel-request-form';
import { DeliveryDetails } from './delivery-details';
import { Actor } from './actor';
import { Timeline } from './timeline';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('requests.detail');
  return { title: t('title') };
}

export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { caller, ctx } = await requirePageCaller();
  if (!canViewPorts(caller)) return <NoAccess />;

  const { id } = await params;
  // Not a request id at all reads as "no such request", like one outside the caller's tenants.
  if (!requestIdSchema.safeParse(id).success) notFound();
  let detail: RequestDetail;
  try {
    detail = await getRequestDetail(ctx, caller, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }

  const { request, tenant, history, revertBlocked, portPriceCents } = detail;
  const rep = isAccountRep(caller);
  // Only reps see the messages to Salesforce: their errors are Salesforce's words, not the partner's business.
  const caseOperations = rep ? await listCaseOperationsForRep(ctx, caller, request.id) : null;
  const mayChange = canRequestChanges(caller);
  const showAddInformation = mayChange && request.status === 'pending_info';
  const showCancel = mayChange && (request.status === 'pending_info' || request.status === 'in_review');
  const showDecision = rep && request.status === 'in_review';
  const [t, format, query] = await Promise.all([getTranslations('requests'), getFormatter(), searchParams]);
  const notice = isRequestNotice(query.notice) && noticeIsFor(query.notice, request, caller.email) ? query.notice : null;
  const limitsNow = format.list(
    enabledPortTypes(tenant.personalConnectionEnabled).map((type) =>
      t(`detail.limitOf.${type}`, { value: tenant.limits[type] }),
    ),
    { type: 'unit' },
  );

  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="mb-4 text-sm">
        <Link href="/requests" className="text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">
          {t('detail.back')}
        </Link>
      </nav>
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('detail.heading', { tenant: tenant.name })}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {request.caseNumber
              ? t('detail.salesforceCase', { number: request.caseNumber })
              : t('detail.salesforceCasePending')}
          </p>
          {request.automatic ? (
            <p className="mt-1 text-sm font-medium text-sky-800 dark:text-sky-300">{t('detail.automatic')}</p>
          ) : null}
        </div>
        {/* Its own width on a phone too, where the header stacks. */}
        <div className="self-start sm:self-auto">
          <StatusBadge status={request.status} />
        </div>
      </div>

      {notice ? <NoticeOf notice={notice} status={request.status} /> : null}

      {revertBlocked ? (
        <div role="status" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">{t.rich('detail.revertBlocked', { at: () => <LocalTime iso={revertBlocked.at} /> })}</p>
          <p className="mt-1">
            <RevertBlockedReason reason={revertBlocked.reason} /> {t('detail.revertBlockedFollowUp')}
          </p>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <section aria-labelledby="details-heading" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
            <h2 id="details-heading" className="text-base font-semibold">
              {t('detail.details')}
            </h2>
            <dl className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Field label={t('detail.field.tenant')}>
                {tenant.name}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {tenant.personalConnectionEnabled
                    ? t('detail.limitsNow', { limits: limitsNow })
                    : t('detail.limitsNowPersonalConnectionOff', { limits: limitsNow })}
                </span>
              </Field>
              <Field label={t('detail.field.changes')}>
                <PortChangeList changes={request.changes} />
              </Field>
              {costIsShown(portPriceCents) ? (
                <Field label={t('cost.label')}>
                  <MonthlyCostImpact
                    cents={requestMonthlyCostCents(request.changes, portPriceCents)}
                    currency={getEnv().PORT_PRICE_CURRENCY}
                    temporary={Boolean(request.revertAt)}
                  />
                </Field>
              ) : null}
              <Field label={t('detail.field.caseNumber')}>
                {request.caseNumber ?? <span className="text-zinc-600 dark:text-zinc-400">{t('casePending')}</span>}
              </Field>
              <Field label={t('detail.field.temporaryUntil')}>
                {request.revertAt ? (
                  <LocalTime iso={request.revertAt} />
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">{t('detail.permanent')}</span>
                )}
              </Field>
              <Field label={t('detail.field.requestedBy')}>{request.requestedBy}</Field>
              <Field label={t('detail.field.created')}>
                <LocalTime iso={request.createdAt} />
              </Field>
              <Field label={t('detail.field.reason')} wide>
                <span className="whitespace-pre-wrap break-words">{request.reason}</span>
              </Field>
              <Field label={t('detail.field.justification')} wide>
                {request.justification ? (
                  <span className="whitespace-pre-wrap break-words">{request.justification}</span>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">{t('detail.noJustification')}</span>
                )}
              </Field>
              <Field label={t('detail.field.decision')} wide>
                {request.decision ? (
                  <Decision decision={request.decision} rejected={request.status === 'rejected'} />
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">{t('detail.notDecided')}</span>
                )}
              </Field>
            </dl>
          </section>

          {showAddInformation || showDecision || showCancel ? (
            <section aria-labelledby="actions-heading" className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
              <h2 id="actions-heading" className="text-base font-semibold">
                {t('detail.whatYouCanDo')}
              </h2>
              {showAddInformation ? <AddInformationForm action={addInformationAction.bind(null, request.id)} /> : null}
              {showDecision ? (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-zinc-800 dark:text-zinc-200">{t('detail.decideAsRep')}</h3>
                  {detail.submittedByCaller ? (
                    <OwnRequestNote />
                  ) : (
                    <DecisionForm action={decideOnRequestPageAction.bind(null, request.id)} requestId={request.id} />
                  )}
                </div>
              ) : null}
              {showCancel ? <CancelRequestForm action={cancelRequestAction.bind(null, request.id)} /> : null}
            </section>
          ) : null}
        </div>

        <div className="min-w-0 space-y-6">
          <section aria-labelledby="timeline-heading" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
            <h2 id="timeline-heading" className="mb-4 text-base font-semibold">
              {t('detail.timeline')}
            </h2>
            <Timeline entries={history} />
            {caseOperations ? <DeliveryDetails history={history} operations={caseOperations} /> : null}
          </section>
        </div>
      </div>
    </>
  );
}

/**
 * Anyone can type `?notice=` into an address: a notice is shown only to whoever could have done it
 * (the requester submitted, added information or cancelled; the rep who decided).
 */
function noticeIsFor(notice: RequestNotice, request: RequestDetail['request'], email: string): boolean {
  const same = (other: string | undefined) => other?.toLowerCase() === email.toLowerCase();
  return notice === 'decided' ? same(request.decision?.by) : same(request.requestedBy);
}

/** What the action that opened this page did, worded from where the request is now. */
function NoticeOf({ notice, status }: { notice: RequestNotice; status: RequestStatus }) {
  const t = useTranslations('requests.notice');
  const message = t(notice, { status });
  const success = status === 'approved' || (notice === 'information' && status === 'in_review');
  return <ActionNotice message={message} tone={success ? 'success' : 'neutral'} />;
}

/** Who decided, when, and their comment (the automatic approval's is SSPM's own, in the reader's words). */
function Decision({ decision, rejected }: { decision: NonNullable<RequestDetail['request']['decision']>; rejected: boolean }) {
  const t = useTranslations('requests.detail');
  const at = () => <LocalTime iso={decision.at} />;
  const automatic = decision.by === AUTO_DECIDER;
  // SSPM wrote the automatic approval's comment in English when it stored it: say it in the reader's words.
  const comment = automatic ? t('autoDecisionComment') : decision.comment;
  return (
    <>
      {automatic
        ? t.rich('decidedAutomatically', { at })
        : t.rich('decidedBy', {
            outcome: rejected ? 'rejected' : 'approved',
            actor: () => <Actor actor={decision.by} />,
            at,
          })}
      {comment ? <span className="mt-1 block whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">“{comment}”</span> : null}
    </>
  );
}

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-sm text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}
