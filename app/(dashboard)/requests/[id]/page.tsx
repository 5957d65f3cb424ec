import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { AppError } from '@/lib/domain/errors';
import { enabledPortTypes } from '@/lib/domain/ports';
import { type RequestDetail, getRequestDetail } from '@/lib/requests/read-requests';
import { listCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import { requestIdSchema } from '@/lib/validation/request';
import { ActorName } from '../../../_components/actor-name';
import { LocalTime } from '../../../_components/local-time';
import { NoAccess } from '../../../_components/notice';
import { PortChangeList } from '../../../_components/port-changes';
import { RevertBlockedReason } from '../../../_components/revert-blocked-reason';
import { StatusBadge } from '../../../_components/status-badge';
import { DecisionForm } from '../../_components/decision-form';
import { OwnRequestNote } from '../../_components/own-request-note';
import { decideRequestAction } from '../../approvals/actions';
import { AddInformationForm } from './add-information-form';
import { addInformationAction, cancelRequestAction } from './actions';
import { CancelRequestForm } from './cancel-request-form';
import { CaseOperations } from './case-operations';
import { Timeline } from './timeline';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('requests.detail');
  return { title: t('title') };
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
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

  const { request, tenant, history, revertBlocked } = detail;
  // Only reps see the messages to Salesforce: their errors are Salesforce's words, not the partner's business.
  const caseOperations = isAccountRep(caller) ? await listCaseOperationsForRep(ctx, caller, request.id) : null;
  const mayChange = canRequestChanges(caller);
  const showAddInformation = mayChange && request.status === 'pending_info';
  const showCancel = mayChange && (request.status === 'pending_info' || request.status === 'in_review');
  const showDecision = isAccountRep(caller) && request.status === 'in_review';
  const [t, format] = await Promise.all([getTranslations('requests'), getFormatter()]);
  const limitsNow = format.list(
    enabledPortTypes(tenant.personalConnectionEnabled).map((type) =>
      t(`detail.limitOf.${type}`, { value: tenant.limits[type] }),
    ),
    { type: 'unit' },
  );

  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="mb-4 text-sm">
        <Link href="/requests" className="text-indigo-700 underline-offset-4 hover:underline">
          {t('detail.back')}
        </Link>
      </nav>
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('detail.heading', { tenant: tenant.name })}</h1>
          <p className="mt-1 text-sm text-zinc-600">
            {request.caseNumber
              ? t('detail.salesforceCase', { number: request.caseNumber })
              : t('detail.salesforceCasePending')}
          </p>
        </div>
        <StatusBadge status={request.status} />
      </div>

      {revertBlocked ? (
        <div role="status" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">{t.rich('detail.revertBlocked', { at: () => <LocalTime iso={revertBlocked.at} /> })}</p>
          <p className="mt-1">
            <RevertBlockedReason reason={revertBlocked.reason} /> {t('detail.revertBlockedFollowUp')}
          </p>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="details-heading" className="text-base font-semibold">
              {t('detail.details')}
            </h2>
            <dl className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Field label={t('detail.field.tenant')}>
                {tenant.name}
                <span className="block text-xs text-zinc-500">
                  {tenant.personalConnectionEnabled
                    ? t('detail.limitsNow', { limits: limitsNow })
                    : t('detail.limitsNowPersonalConnectionOff', { limits: limitsNow })}
                </span>
              </Field>
              <Field label={t('detail.field.changes')}>
                <PortChangeList changes={request.changes} />
              </Field>
              <Field label={t('detail.field.caseNumber')}>
                {request.caseNumber ?? <span className="text-zinc-500">{t('casePending')}</span>}
              </Field>
              <Field label={t('detail.field.temporaryUntil')}>
                {request.revertAt ? (
                  <LocalTime iso={request.revertAt} />
                ) : (
                  <span className="text-zinc-500">{t('detail.permanent')}</span>
                )}
              </Field>
              <Field label={t('detail.field.requestedBy')}>{request.requestedBy}</Field>
              <Field label={t('detail.field.created')}>
                <LocalTime iso={request.createdAt} />
              </Field>
              <Field label={t('detail.field.reason')} wide>
                <span className="whitespace-pre-wrap">{request.reason}</span>
              </Field>
              <Field label={t('detail.field.justification')} wide>
                {request.justification ? (
                  <span className="whitespace-pre-wrap">{request.justification}</span>
                ) : (
                  <span className="text-zinc-500">{t('detail.noJustification')}</span>
                )}
              </Field>
              <Field label={t('detail.field.decision')} wide>
                {request.decision ? (
                  <Decision decision={request.decision} rejected={request.status === 'rejected'} />
                ) : (
                  <span className="text-zinc-500">{t('detail.notDecided')}</span>
                )}
              </Field>
            </dl>
          </section>

          {showAddInformation || showDecision || showCancel ? (
            <section aria-labelledby="actions-heading" className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5">
              <h2 id="actions-heading" className="text-base font-semibold">
                {t('detail.whatYouCanDo')}
              </h2>
              {showAddInformation ? <AddInformationForm action={addInformationAction.bind(null, request.id)} /> : null}
              {showDecision ? (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-zinc-800">{t('detail.decideAsRep')}</h3>
                  {detail.submittedByCaller ? (
                    <OwnRequestNote />
                  ) : (
                    <DecisionForm action={decideRequestAction.bind(null, request.id)} requestId={request.id} />
                  )}
                </div>
              ) : null}
              {showCancel ? <CancelRequestForm action={cancelRequestAction.bind(null, request.id)} /> : null}
            </section>
          ) : null}
        </div>

        <div className="space-y-6">
          <section aria-labelledby="timeline-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="timeline-heading" className="mb-4 text-base font-semibold">
              {t('detail.timeline')}
            </h2>
            <Timeline entries={history} />
          </section>
          {caseOperations ? (
            <section aria-labelledby="case-operations-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
              <h2 id="case-operations-heading" className="mb-4 text-base font-semibold">
                {t('detail.caseMessages')}
              </h2>
              <CaseOperations operations={caseOperations} />
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
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
            actor: () => <ActorName actor={decision.by} />,
            at,
          })}
      {comment ? <span className="mt-1 block whitespace-pre-wrap text-zinc-700">“{comment}”</span> : null}
    </>
  );
}

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-1 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}
