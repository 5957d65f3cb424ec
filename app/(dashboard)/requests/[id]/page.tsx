import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canRequestChanges, canViewPorts, isAccountRep } from '@/lib/auth/permissions';
import { AppError } from '@/lib/domain/errors';
import { type RequestDetail, getRequestDetail } from '@/lib/requests/read-requests';
import { listCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import { requestIdSchema } from '@/lib/validation/request';
import { formatActor, formatDateTime, formatNumber } from '../../../_components/format';
import { NoAccess } from '../../../_components/notice';
import { PortChangeList } from '../../../_components/port-changes';
import { StatusBadge } from '../../../_components/status-badge';
import { DecisionForm } from '../../_components/decision-form';
import { OwnRequestNote } from '../../_components/own-request-note';
import { decideRequestAction } from '../../approvals/actions';
import { AddInformationForm } from './add-information-form';
import { addInformationAction, cancelRequestAction } from './actions';
import { CancelRequestForm } from './cancel-request-form';
import { CaseOperations } from './case-operations';
import { Timeline } from './timeline';

export const metadata: Metadata = { title: 'Request' };

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

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/requests" className="text-indigo-700 underline-offset-4 hover:underline">
          ← All requests
        </Link>
      </nav>
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Port change for {tenant.name}</h1>
          <p className="mt-1 text-sm text-zinc-600">
            {request.caseNumber ? `Salesforce case ${request.caseNumber}` : 'Salesforce case pending'}
          </p>
        </div>
        <StatusBadge status={request.status} />
      </div>

      {revertBlocked ? (
        <div role="status" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">This temporary change ended on {formatDateTime(revertBlocked.at)}, but the previous limits were not restored.</p>
          <p className="mt-1">{revertBlocked.reason} An Account Representative will look at it.</p>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="details-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 id="details-heading" className="text-base font-semibold">
              Details
            </h2>
            <dl className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Field label="Tenant">
                {tenant.name}
                <span className="block text-xs text-zinc-500">
                  Now: concurrent {formatNumber(tenant.limits.concurrent)}
                  {tenant.personalConnectionEnabled
                    ? `, outbound ${formatNumber(tenant.limits.outbound)}, agentless ${formatNumber(tenant.limits.agentless)}`
                    : ' (Personal Connection off)'}
                </span>
              </Field>
              <Field label="Changes">
                <PortChangeList changes={request.changes} />
              </Field>
              <Field label="Case number">
                {request.caseNumber ?? <span className="text-zinc-500">case pending</span>}
              </Field>
              <Field label="Temporary until">
                {request.revertAt ? formatDateTime(request.revertAt) : <span className="text-zinc-500">Permanent change</span>}
              </Field>
              <Field label="Requested by">{request.requestedBy}</Field>
              <Field label="Created">{formatDateTime(request.createdAt)}</Field>
              <Field label="Reason" wide>
                <span className="whitespace-pre-wrap">{request.reason}</span>
              </Field>
              <Field label="Justification" wide>
                {request.justification ? (
                  <span className="whitespace-pre-wrap">{request.justification}</span>
                ) : (
                  <span className="text-zinc-500">None given</span>
                )}
              </Field>
              <Field label="Decision" wide>
                {request.decision ? (
                  <>
                    {request.decision.by === AUTO_DECIDER
                      ? 'Approved automatically'
                      : `${request.status === 'rejected' ? 'Rejected' : 'Approved'} by ${formatActor(request.decision.by)}`}{' '}
                    on {formatDateTime(request.decision.at)}
                    {request.decision.comment ? (
                      <span className="mt-1 block whitespace-pre-wrap text-zinc-700">“{request.decision.comment}”</span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-zinc-500">Not decided yet</span>
                )}
              </Field>
            </dl>
          </section>

          {showAddInformation || showDecision || showCancel ? (
            <section aria-labelledby="actions-heading" className="space-y-6 rounded-lg border border-zinc-200 bg-white p-5">
              <h2 id="actions-heading" className="text-base font-semibold">
                What you can do
              </h2>
              {showAddInformation ? <AddInformationForm action={addInformationAction.bind(null, request.id)} /> : null}
              {showDecision ? (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-zinc-800">Decide as Account Representative</h3>
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
              Timeline
            </h2>
            <Timeline entries={history} />
          </section>
          {caseOperations ? (
            <section aria-labelledby="case-operations-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
              <h2 id="case-operations-heading" className="mb-4 text-base font-semibold">
                Salesforce case messages
              </h2>
              <CaseOperations operations={caseOperations} />
            </section>
          ) : null}
        </div>
      </div>
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
