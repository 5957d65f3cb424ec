import type { Metadata } from 'next';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getNow, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isAccountRep } from '@/lib/auth/permissions';
import type { ReviewUrgency } from '@/lib/domain/review-age';
import { costIsShown, requestMonthlyCostCents } from '@/lib/domain/cost';
import type { Limits } from '@/lib/domain/ports';
import { getEnv } from '@/lib/env';
import { type ReviewItem, listBlockedRevertsForRep, listReviewQueue } from '@/lib/requests/read-requests';
import { countStuckCaseOperationsForRep } from '@/lib/salesforce/case-operation-views';
import type { TenantView } from '@/lib/requests/views';
import { ageParts } from '../../_components/format';
import { LocalTime } from '../../_components/local-time';
import { NoAccess, Notice } from '../../_components/notice';
import { PageHeader } from '../../_components/page-header';
import { PortChangeList } from '../../_components/port-changes';
import { RevertBlockedReason } from '../../_components/revert-blocked-reason';
import { DecisionForm } from '../_components/decision-form';
import { MonthlyCostImpact } from '../_components/monthly-cost';
import { OwnRequestNote } from '../_components/own-request-note';
import { decideRequestAction } from './actions';
import { type DecidedFacts, ReviewQueue } from './review-queue';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('nav.approvals') };
}

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

const URGENCY_STYLES: Record<ReviewUrgency, string> = {
  on_time: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  amber: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  red: 'bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100',
};

export default async function ApprovalsPage() {
  const { caller, ctx } = await requirePageCaller();
  const [t, tc, now] = await Promise.all([getTranslations('approvals'), getTranslations('common'), getNow()]);
  if (!isAccountRep(caller)) {
    return (
      <>
        <PageHeader title={tc('nav.approvals')} />
        <NoAccess>
          <p>{t('noAccess')}</p>
        </NoAccess>
      </>
    );
  }

  const [queue, stuck, blockedReverts] = await Promise.all([
    listReviewQueue(ctx, caller),
    countStuckCaseOperationsForRep(ctx, caller),
    listBlockedRevertsForRep(ctx, caller),
  ]);
  const caseLabel = (caseNumber: string | null) => (caseNumber ? t('case', { number: caseNumber }) : t('casePending'));
  const currency = getEnv().PORT_PRICE_CURRENCY;
  // The limits of the tenant's enabled port types: once approved (shown before deciding), and now.
  const limitsText = (tenant: TenantView, limits: Limits) =>
    t('queue.limitsAfter', { personalConnection: tenant.personalConnectionEnabled ? 'on' : 'off', ...limits });

  return (
    <>
      <PageHeader title={tc('nav.approvals')} description={t('description')} />
      {stuck > 0 ? (
        <div className="mb-6">
          <Notice title={t('stuck.title')} tone="warning">
            <p>{t('stuck.body', { count: stuck })}</p>
          </Notice>
        </div>
      ) : null}
      {blockedReverts.length > 0 ? (
        <section aria-labelledby="blocked-heading" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-5 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <h2 id="blocked-heading" className="text-base font-semibold">
            {t('blocked.title')}
          </h2>
          <ul className="mt-2 space-y-2">
            {blockedReverts.map((blocked) => (
              <li key={blocked.request.id}>
                <Link href={`/requests/${blocked.request.id}`} className="font-medium underline-offset-4 hover:underline">
                  {caseLabel(blocked.request.caseNumber)} ({blocked.request.tenantId})
                </Link>
                : <RevertBlockedReason reason={blocked.reason} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ReviewQueue
        decider={caller.email}
        empty={
          <Notice title={t('empty.title')}>
            <p>{t('empty.body')}</p>
          </Notice>
        }
        entries={queue.map((item) => {
          const facts = {
            tenantName: item.tenant.name,
            caseLabel: caseLabel(item.request.caseNumber),
            limitsIfApproved: limitsText(item.tenant, item.resulting),
            limitsNow: limitsText(item.tenant, item.tenant.limits),
          };
          return { id: item.request.id, facts, card: <ReviewCard item={item} facts={facts} now={now} currency={currency} /> };
        })}
      />
    </>
  );
}

const termClass = 'text-xs font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400';

/** One request waiting for a decision, with what a rep weighs: the change, its result and cost, the why. */
function ReviewCard({ item, facts, now, currency }: { item: ReviewItem; facts: DecidedFacts; now: Date; currency: string }) {
  const t = useTranslations('approvals');
  const tc = useTranslations('common');
  const { request, tenant, urgency, recent, autoApprovedToday, threshold, submittedByCaller, portPriceCents } = item;
  const headingId = `review-${request.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            {tenant.name}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <CurrentLimits tenant={tenant} />
          </p>
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span className={`mr-1 rounded-full px-2 py-0.5 text-xs font-medium ${URGENCY_STYLES[urgency]}`}>
            {t('queue.waiting', { age: tc('age', ageParts(request.updatedAt, now)), urgency })}
          </span>{' '}
          ·{' '}
          <Link href={`/requests/${request.id}`} className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">
            {t.rich('queue.openRequest', { caseLabel: facts.caseLabel, tenant: tenant.name, sr: srOnly })}
          </Link>
        </p>
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className={termClass}>{t('queue.changes')}</dt>
          <dd className="mt-1 font-medium text-zinc-900 dark:text-zinc-100">
            <PortChangeList changes={request.changes} />
          </dd>
        </div>
        <div>
          <dt className={termClass}>{t('queue.afterApproval')}</dt>
          <dd className="mt-1 font-medium tabular-nums text-zinc-900 dark:text-zinc-100">
            {facts.limitsIfApproved}
          </dd>
        </div>
        {costIsShown(portPriceCents) ? (
          <div>
            <dt className={termClass}>{t('queue.cost')}</dt>
            <dd className="mt-1 font-medium text-zinc-900 dark:text-zinc-100">
              <MonthlyCostImpact
                cents={requestMonthlyCostCents(request.changes, portPriceCents)}
                currency={currency}
                temporary={Boolean(request.revertAt)}
              />
            </dd>
          </div>
        ) : null}
        <div>
          <dt className={termClass}>{t('queue.today')}</dt>
          <dd className="mt-1 text-zinc-900 dark:text-zinc-100">{t('queue.todayValue', { approved: autoApprovedToday, threshold })}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className={termClass}>{t('queue.reason')}</dt>
          <dd className="mt-1 whitespace-pre-wrap break-words text-zinc-900 dark:text-zinc-100">{request.reason}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className={termClass}>{t('queue.justification')}</dt>
          <dd className="mt-1 whitespace-pre-wrap break-words text-zinc-900 dark:text-zinc-100">
            {request.justification ?? <span className="text-zinc-600 dark:text-zinc-400">{t('queue.noJustification')}</span>}
          </dd>
        </div>
        <div>
          <dt className={termClass}>{t('queue.requestedBy')}</dt>
          <dd className="mt-1 break-words text-zinc-900 dark:text-zinc-100">
            {t.rich('queue.requestedByValue', {
              requester: request.requestedBy,
              temporary: request.revertAt ? 'yes' : 'no',
              created: () => <LocalTime iso={request.createdAt} />,
              until: () => (request.revertAt ? <LocalTime iso={request.revertAt} /> : null),
            })}
          </dd>
        </div>
        <div>
          <dt className={termClass}>{t('queue.recent')}</dt>
          <dd className="mt-1 text-zinc-900 dark:text-zinc-100">
            {recent.length === 0 ? (
              <span className="text-zinc-600 dark:text-zinc-400">{t('queue.noRecent')}</span>
            ) : (
              <ul className="space-y-0.5">
                {recent.map((other) => (
                  <li key={other.id}>
                    <Link href={`/requests/${other.id}`} className="underline-offset-4 hover:underline">
                      <LocalTime iso={other.createdAt} />
                    </Link>{' '}
                    · {tc(`status.${other.status}`)} · <PortChangeList changes={other.changes} inline />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      <div className="mt-4 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        {submittedByCaller ? (
          <OwnRequestNote />
        ) : (
          <DecisionForm action={decideRequestAction.bind(null, request.id)} requestId={request.id} />
        )}
      </div>
    </article>
  );
}

function CurrentLimits({ tenant }: { tenant: TenantView }) {
  const t = useTranslations('approvals.queue');
  return <>{t('limitsNow', { personalConnection: tenant.personalConnectionEnabled ? 'on' : 'off', ...tenant.limits })}</>;
}
