'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestStatus } from '@/lib/domain/lifecycle';
import { type DecisionQueue, DecisionQueueContext } from '../_components/decision-form';

/** What a decided card says, worded on the server: the request, and the tenant's limits either way. */
export type DecidedFacts = {
  tenantName: string;
  /** "Case 00001042" (or "Case pending"). */
  caseLabel: string;
  /** The limits once approved, and as they are (they stay so when rejected). */
  limitsIfApproved: string;
  limitsNow: string;
};

export type QueueEntry = { id: string; card: ReactNode; facts: DecidedFacts };

type Kept = { entry: QueueEntry; index: number };

/**
 * The reps' queue, oldest first. A card the rep decides here stays in place, replaced by what happened
 * (approved or rejected, by whom, the limits now) with a link to the request, until the page is loaded
 * again; the page itself re-renders without the request the moment it is decided. A status region
 * says the outcome to screen readers.
 */
export function ReviewQueue({ entries, decider, empty }: { entries: QueueEntry[]; decider: string; empty: ReactNode }) {
  const t = useTranslations('approvals.decided');
  // Cards whose decision is on its way or done, as they were when the rep submitted, at their place then.
  const [kept, setKept] = useState<Record<string, Kept>>({});
  const [outcomes, setOutcomes] = useState<Record<string, RequestStatus>>({});
  const [announcement, setAnnouncement] = useState('');

  const shown = useMemo(() => {
    const list = [...entries];
    const vanished = Object.values(kept)
      .filter((item) => !entries.some((entry) => entry.id === item.entry.id))
      .sort((a, b) => a.index - b.index);
    for (const item of vanished) list.splice(Math.min(item.index, list.length), 0, item.entry);
    return list;
  }, [entries, kept]);

  // The callbacks read the cards as shown when they are called; they stay the same functions, so
  // that a form's report of its answer runs once per answer.
  const shownNow = useRef(shown);
  useEffect(() => {
    shownNow.current = shown;
  }, [shown]);
  const queue = useMemo<DecisionQueue>(
    () => ({
      deciding: (id) => {
        const index = shownNow.current.findIndex((entry) => entry.id === id);
        if (index >= 0) setKept((current) => ({ ...current, [id]: { entry: shownNow.current[index]!, index } }));
      },
      decided: (id, status) => {
        setOutcomes((current) => ({ ...current, [id]: status }));
        const facts = shownNow.current.find((entry) => entry.id === id)?.facts;
        if (facts) setAnnouncement(outcomeSentence(t, status, decider, facts));
      },
      refused: (id) =>
        setKept((current) => Object.fromEntries(Object.entries(current).filter(([keptId]) => keptId !== id))),
    }),
    [decider, t],
  );

  const waiting = shown.filter((entry) => !outcomes[entry.id]);
  return (
    <DecisionQueueContext.Provider value={queue}>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {shown.length > 0 ? (
        <ol className="space-y-4">
          {shown.map((entry) => {
            const status = outcomes[entry.id];
            return <li key={entry.id}>{status ? <DecidedCard id={entry.id} facts={entry.facts} status={status} decider={decider} /> : entry.card}</li>;
          })}
        </ol>
      ) : null}
      {waiting.length === 0 ? <div className={shown.length > 0 ? 'mt-4' : undefined}>{empty}</div> : null}
    </DecisionQueueContext.Provider>
  );
}

type Translate = ReturnType<typeof useTranslations<'approvals.decided'>>;

function outcomeSentence(t: Translate, status: RequestStatus, decider: string, facts: DecidedFacts): string {
  const approved = status === 'approved';
  return t('sentence', {
    outcome: approved ? 'approved' : 'rejected',
    tenant: facts.tenantName,
    decider,
    limits: approved ? facts.limitsIfApproved : facts.limitsNow,
  });
}

/** A decided request in place of its card: what happened, and the way to the request. Focus moves here. */
function DecidedCard({ id, facts, status, decider }: { id: string; facts: DecidedFacts; status: RequestStatus; decider: string }) {
  const t = useTranslations('approvals.decided');
  const ref = useRef<HTMLElement>(null);
  // The button that was pressed is gone: keep keyboard users where they were.
  useEffect(() => ref.current?.focus(), []);
  const approved = status === 'approved';
  const headingId = `decided-${id}`;
  return (
    <article
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className={`rounded-lg border p-5 text-sm ${approved ? 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100' : 'border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100'}`}
    >
      <h2 id={headingId} className="text-base font-semibold">
        {facts.tenantName}
      </h2>
      <p className="mt-1">
        {t('outcome', { outcome: approved ? 'approved' : 'rejected', decider })}{' '}
        {approved ? t('limitsApplied', { limits: facts.limitsIfApproved }) : t('limitsKept', { limits: facts.limitsNow })}
      </p>
      <p className="mt-2">
        <Link href={`/requests/${id}`} className="font-medium text-indigo-800 underline underline-offset-4 dark:text-indigo-300">
          {t('open', { caseLabel: facts.caseLabel })}
        </Link>
      </p>
    </article>
  );
}
