import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isAccountRep } from '@/lib/auth/permissions';
import { STATUS_LABELS } from '@/lib/domain/lifecycle';
import type { ReviewUrgency } from '@/lib/domain/review-age';
import { listBlockedRevertsForRep, listReviewQueue } from '@/lib/requests/read-requests';
import { countStuckCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import type { TenantView } from '@/lib/requests/views';
import { formatAge, formatDateTime, formatNumber, plural } from '../../_components/format';
import { NoAccess, Notice } from '../../_components/notice';
import { PageHeader } from '../../_components/page-header';
import { PortChangeList } from '../../_components/port-changes';
import { DecisionForm } from '../_components/decision-form';
import { OwnRequestNote } from '../_components/own-request-note';
import { decideRequestAction } from './actions';

export const metadata: Metadata = { title: 'Approvals' };

const URGENCY_STYLES: Record<ReviewUrgency, string> = {
  on_time: 'bg-zinc-100 text-zinc-700',
  amber: 'bg-amber-100 text-amber-900',
  red: 'bg-rose-100 text-rose-900',
};

export default async function ApprovalsPage() {
  const { caller, ctx } = await requirePageCaller();
  if (!isAccountRep(caller)) {
    return (
      <>
        <PageHeader title="Approvals" />
        <NoAccess>
          <p>Only Account Representatives can approve or reject requests.</p>
        </NoAccess>
      </>
    );
  }

  const [queue, stuck, blockedReverts] = await Promise.all([
    listReviewQueue(ctx, caller),
    countStuckCaseOperationsForRep(ctx, caller),
    listBlockedRevertsForRep(ctx, caller),
  ]);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests over the daily threshold that wait for your decision, oldest first. Approving applies the new limits at once."
      />
      {stuck > 0 ? (
        <div className="mb-6">
          <Notice title="Salesforce messages stuck" tone="warning">
            <p>
              {plural(stuck, 'case message')} could not be delivered to Salesforce yet (failed for good, or retrying after an
              error). Each request&apos;s page shows its messages and the last error.
            </p>
          </Notice>
        </div>
      ) : null}
      {blockedReverts.length > 0 ? (
        <section aria-labelledby="blocked-heading" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-5 text-sm text-amber-900">
          <h2 id="blocked-heading" className="text-base font-semibold">
            Temporary changes that could not be reverted
          </h2>
          <ul className="mt-2 space-y-2">
            {blockedReverts.map((blocked) => (
              <li key={blocked.request.id}>
                <Link href={`/requests/${blocked.request.id}`} className="font-medium underline-offset-4 hover:underline">
                  {blocked.request.caseNumber ? `Case ${blocked.request.caseNumber}` : 'Case pending'} ({blocked.request.tenantId})
                </Link>
                : {blocked.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {queue.length === 0 ? (
        <Notice title="Nothing to review">
          <p>No request is waiting for a decision.</p>
        </Notice>
      ) : (
        <ol className="space-y-4">
          {queue.map(({ request, tenant, urgency, recent, autoApprovedToday, threshold, submittedByCaller }) => {
            const headingId = `review-${request.id}`;
            return (
              <li key={request.id}>
                <article aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div>
                      <h2 id={headingId} className="text-base font-semibold text-zinc-900">
                        {tenant.name}
                      </h2>
                      <p className="text-sm text-zinc-500">
                        <CurrentLimits tenant={tenant} />
                      </p>
                    </div>
                    <p className="text-sm text-zinc-600">
                      <span className={`mr-1 rounded-full px-2 py-0.5 text-xs font-medium ${URGENCY_STYLES[urgency]}`}>
                        Waiting {formatAge(request.updatedAt)}
                        {urgency === 'on_time' ? '' : urgency === 'amber' ? ' (over 24 h)' : ' (over 72 h)'}
                      </span>{' '}
                      ·{' '}
                      <Link
                        href={`/requests/${request.id}`}
                        className="font-medium text-indigo-700 underline-offset-4 hover:underline"
                      >
                        {request.caseNumber ? `Case ${request.caseNumber}` : 'Case pending'}
                        <span className="sr-only">: open the request for {tenant.name}</span>
                      </Link>
                    </p>
                  </div>

                  <dl className="mt-4 grid gap-4 text-sm md:grid-cols-[12rem_1fr]">
                    <div>
                      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Changes</dt>
                      <dd className="mt-1 font-medium text-zinc-900">
                        <PortChangeList changes={request.changes} />
                      </dd>
                    </div>
                    <div className="space-y-3">
                      <div>
                        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Reason</dt>
                        <dd className="mt-1 whitespace-pre-wrap text-zinc-900">{request.reason}</dd>
                      </div>
                      <div>
                        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Justification</dt>
                        <dd className="mt-1 whitespace-pre-wrap text-zinc-900">
                          {request.justification ?? <span className="text-zinc-500">None given</span>}
                        </dd>
                      </div>
                      <div>
                        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Today for this tenant</dt>
                        <dd className="mt-1 text-zinc-900">
                          {formatNumber(autoApprovedToday)} of {formatNumber(threshold)} concurrent ports approved automatically
                        </dd>
                      </div>
                      <div>
                        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Its latest requests</dt>
                        <dd className="mt-1 text-zinc-900">
                          {recent.length === 0 ? (
                            <span className="text-zinc-500">None before this one</span>
                          ) : (
                            <ul className="space-y-0.5">
                              {recent.map((other) => (
                                <li key={other.id}>
                                  <Link href={`/requests/${other.id}`} className="underline-offset-4 hover:underline">
                                    {formatDateTime(other.createdAt)}
                                  </Link>{' '}
                                  · {STATUS_LABELS[other.status]} · <PortChangeList changes={other.changes} inline />
                                </li>
                              ))}
                            </ul>
                          )}
                        </dd>
                      </div>
                      <div>
                        <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">Requested by</dt>
                        <dd className="mt-1 text-zinc-900">
                          {request.requestedBy} on {formatDateTime(request.createdAt)}
                          {request.revertAt ? `; temporary until ${formatDateTime(request.revertAt)}` : ''}
                        </dd>
                      </div>
                    </div>
                  </dl>

                  <div className="mt-4 border-t border-zinc-100 pt-4">
                    {submittedByCaller ? (
                      <OwnRequestNote />
                    ) : (
                      <DecisionForm action={decideRequestAction.bind(null, request.id)} requestId={request.id} />
                    )}
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

function CurrentLimits({ tenant }: { tenant: TenantView }) {
  const { concurrent, outbound, agentless } = tenant.limits;
  return tenant.personalConnectionEnabled ? (
    <>
      Now: concurrent {formatNumber(concurrent)}, outbound {formatNumber(outbound)}, agentless {formatNumber(agentless)}
    </>
  ) : (
    <>Now: concurrent {formatNumber(concurrent)} (Personal Connection off)</>
  );
}
