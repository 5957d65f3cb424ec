'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useNow, useTimeZone, useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { costIsShown, monthlyCostImpactCents } from '@/lib/domain/cost';
import { MAX_PORTS, type PortType, type RequestedLimits, enabledPortTypes, perPortType } from '@/lib/domain/ports';
import { MAX_REVERT_DAYS, findViolations } from '@/lib/domain/rules';
import { approvalRoute, utcDay } from '@/lib/domain/threshold';
import type { Peaks } from '@/lib/domain/usage';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/locales';
import type { ThresholdStatus } from '@/lib/requests/threshold-status';
import type { TenantView } from '@/lib/requests/views';
import { RECENT_PEAK_DAYS, RIGHT_SIZING_DAYS, decreaseBelowPeak } from '@/lib/usage/recent-peaks';
import { wallTimeToUtc } from '@/lib/validation/request-form';
import { LocalTime } from '../../../_components/local-time';
import { FieldError } from '../../_components/form-feedback';
import type { RequestActionState } from '../../_lib/action-state';
import { formatCents } from '../../_lib/money';
import { createRequestAction } from './actions';
import { ExpectedPeakField } from '../../_components/expected-peak-field';

// On phones the summary sticks to the top of the screen: a field scrolled into view stops below it.
const inputClass =
  'block w-full scroll-mt-28 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-rose-400 lg:scroll-mt-0 dark:border-zinc-600 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100';

/** A whole number the user typed, or undefined while the field is empty ("leave as it is"). */
function parsePort(raw: string): number | undefined {
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export function NewRequestForm({
  tenant,
  threshold,
  currency,
  peaks,
  prefill = {},
}: {
  tenant: TenantView;
  threshold: ThresholdStatus;
  /** PORT_PRICE_CURRENCY, the currency of `threshold.portPriceCents`. */
  currency: string;
  /** The tenant's peaks in use over the last 7 and 30 days, shown beside each field. */
  peaks: { week: Peaks; month: Peaks };
  /** Limits to start from instead of today's (a right-sizing suggestion's). */
  prefill?: RequestedLimits;
}) {
  const router = useRouter();
  const t = useTranslations('newRequest');
  const tErrors = useTranslations('errors');
  const tValidation = useTranslations('validation');
  const tCommon = useTranslations('common');
  const tUsage = useTranslations('usage.form');
  const format = useFormatter();
  // The reader's time zone (their saved one, else their browser's): the end of a temporary change is
  // typed, and every time shown, in it. The daily threshold stays a UTC day, told in that zone's clock.
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const now = useNow();
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(createRequestAction, null);
  const types = enabledPortTypes(tenant.personalConnectionEnabled);

  // Controlled fields: React resets uncontrolled ones after every action, which would lose the input on an error.
  const [values, setValues] = useState<Record<PortType, string>>(() => perPortType((type) => String(prefill[type] ?? tenant.limits[type])));
  const [reason, setReason] = useState('');
  // The reason is checked as you go, like the limits, but called out under the field only once left.
  const [reasonTouched, setReasonTouched] = useState(false);
  const [justification, setJustification] = useState('');
  // An increase filled in from a suggestion starts from what was measured: the 30-day peak (still editable).
  const [expectedPeak, setExpectedPeak] = useState(() =>
    prefill.concurrent !== undefined && prefill.concurrent > tenant.limits.concurrent && peaks.month.concurrent !== null ? String(peaks.month.concurrent) : '',
  );
  // The end as typed (a wall-clock time), and when it was typed: the rules check "in the future" then.
  const [revertInput, setRevertInput] = useState<{ local: string; checkedAt: Date }>({ local: '', checkedAt: new Date(0) });

  // datetime-local has no zone: the value is a wall-clock time in the reader's time zone (not
  // necessarily the browser's), converted here (again, should that zone change) and sent as UTC.
  const revertDate = revertInput.local ? wallTimeToUtc(revertInput.local, timeZone) : null;
  const revert = revertDate ? { iso: revertDate.toISOString(), checkedAt: revertInput.checkedAt } : null;

  const requested: RequestedLimits = {};
  for (const type of types) {
    const value = parsePort(values[type]);
    if (value !== undefined) requested[type] = value;
  }

  const violations = findViolations({
    tenant,
    requested,
    revertAt: revert ? new Date(revert.iso) : undefined,
    now: revert?.checkedAt ?? new Date(0),
  });
  const problems = violations.filter((violation) => violation.code !== 'no_change');
  const unchanged = violations.some((violation) => violation.code === 'no_change');
  const invalidFields = new Set(problems.map((problem) => problem.field));

  const concurrentTo = requested.concurrent;
  const delta =
    concurrentTo !== undefined && Number.isInteger(concurrentTo) && concurrentTo >= 0 && concurrentTo <= MAX_PORTS
      ? concurrentTo - tenant.limits.concurrent
      : 0;
  const route = approvalRoute(delta, threshold.threshold, threshold.usedToday);
  const costCents = monthlyCostImpactCents(delta, threshold.portPriceCents);
  const showCost = costIsShown(threshold.portPriceCents);
  const thresholdResetsAt = utcDay(now).end.toISOString();

  const serverErrors = state && !state.ok ? state : null;
  const fieldErrors = serverErrors?.fieldErrors ?? {};

  // The reason is a rule like the others: an empty one keeps "follows every rule" from showing.
  const reasonRequired = tValidation('reason_required');
  const reasonBlank = reason.trim() === '';
  const reasonErrors = reasonBlank
    ? reasonTouched || fieldErrors.reason
      ? [reasonRequired]
      : undefined
    : fieldErrors.reason?.filter((message) => message !== reasonRequired);
  const reasonInvalid = Boolean(reasonErrors && reasonErrors.length > 0);

  // One outcome for the aside and the phone summary: what happens when the form is submitted as it is.
  const outcome: 'fix' | 'auto' | 'review' | 'information' =
    problems.length > 0 || unchanged ? 'fix' : route === 'auto' ? 'auto' : justification.trim() ? 'review' : 'information';

  // After a refused submission, focus goes to the first field in error (else to the message), so
  // that keyboard and screen-reader users land where the problem is rather than on <body>.
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state || state.ok) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? errorRef.current)?.focus();
  }, [state]);

  return (
    <form ref={formRef} action={formAction} className="grid gap-6 lg:grid-cols-3" noValidate>
      <input type="hidden" name="tenantId" value={tenant.id} />
      {types.map((type) => (
        <input key={type} type="hidden" name={`expected.${type}`} value={tenant.limits[type]} />
      ))}
      <input type="hidden" name="revertAtUtc" value={revert?.iso ?? ''} />

      <div className="min-w-0 space-y-6 lg:col-span-2">
        {/* Phones: the aside renders below the form, so a compact summary stays at the top of the
            screen while typing. Not a live region: the aside already announces every change. */}
        <section
          aria-label={t('summary.label')}
          className="sticky top-0 z-10 -mx-4 border-b border-zinc-200 bg-white/95 px-4 py-2 text-sm shadow-sm backdrop-blur sm:-mx-6 sm:px-6 lg:hidden dark:border-zinc-700 dark:bg-zinc-900/95 text-zinc-900 dark:text-zinc-100"
        >
          <p className={problems.length > 0 ? 'text-rose-800 dark:text-rose-300' : unchanged || reasonBlank ? 'text-zinc-700 dark:text-zinc-300' : 'text-emerald-800 dark:text-emerald-300'}>
            {problems.length > 0
              ? t('summary.problems', { first: tErrors(problems[0]!.code, problems[0]!.params), more: problems.length - 1 })
              : unchanged
                ? t('aside.changeSomething')
                : reasonBlank
                  ? reasonRequired
                  : t('aside.followsRules')}
          </p>
          <p className="font-medium text-zinc-900 dark:text-zinc-100">
            {t('summary.outcome', { outcome })}
            {showCost && outcome !== 'fix' ? (
              <span className="font-normal text-zinc-700 dark:text-zinc-300">
                {' · '}
                {t('summary.cost', { amount: formatCents(format, costCents, currency, true) })}
              </span>
            ) : null}
          </p>
        </section>

        <fieldset className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100" aria-describedby="ports-error">
          <legend className="px-1 text-base font-semibold">{t('form.newLimits')}</legend>
          {!tenant.personalConnectionEnabled ? (
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{t('form.personalConnectionOff')}</p>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-3">
            {types.map((type) => {
              const from = tenant.limits[type];
              const to = requested[type] ?? from;
              const id = `port-${type}`;
              const change = Number.isFinite(to) ? to - from : 0;
              const belowPeak = decreaseBelowPeak(requested[type], from, peaks.month[type]);
              const peakText = (peak: number | null) => (peak === null ? tUsage('noData') : format.number(peak));
              return (
                <div key={type}>
                  <label htmlFor={id} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
                    {tCommon(`portsOf.${type}`)}
                  </label>
                  <input
                    id={id}
                    name={type}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={MAX_PORTS}
                    step={1}
                    value={values[type]}
                    onChange={(event) => setValues((current) => ({ ...current, [type]: event.target.value }))}
                    aria-describedby={`${id}-preview ${id}-peaks ${id}-below-peak ${id}-error`}
                    aria-invalid={invalidFields.has(type) || fieldErrors[type] ? true : undefined}
                    className={`mt-1 tabular-nums ${inputClass}`}
                  />
                  <p id={`${id}-preview`} className="mt-1 text-sm tabular-nums text-zinc-600 dark:text-zinc-400">
                    {format.number(from)} → {Number.isFinite(to) ? format.number(to) : '?'}
                    {change !== 0 ? (
                      <span className={`ml-2 font-medium ${change > 0 ? 'text-indigo-700 dark:text-indigo-300' : 'text-zinc-700 dark:text-zinc-300'}`}>
                        ({format.number(change, { signDisplay: 'exceptZero' })})
                      </span>
                    ) : (
                      <span className="ml-2 text-zinc-600 dark:text-zinc-400">{t('form.noChange')}</span>
                    )}
                  </p>
                  <p id={`${id}-peaks`} className="mt-1 text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                    {tUsage('peaks', {
                      week: peakText(peaks.week[type]),
                      month: peakText(peaks.month[type]),
                      weekDays: RECENT_PEAK_DAYS,
                      monthDays: RIGHT_SIZING_DAYS,
                    })}
                  </p>
                  {/* A warning, not a rule: the decrease may still be submitted. */}
                  <div id={`${id}-below-peak`} aria-live="polite">
                    {belowPeak ? (
                      <p className="mt-1 text-sm text-amber-800 dark:text-amber-300">
                        {tUsage('belowPeak', { peak: peaks.month[type]!, to: requested[type]!, days: RIGHT_SIZING_DAYS })}
                      </p>
                    ) : null}
                  </div>
                  <FieldError id={`${id}-error`} messages={fieldErrors[type]} />
                </div>
              );
            })}
          </div>
          <FieldError id="ports-error" messages={fieldErrors.changes ?? fieldErrors.expected} />
        </fieldset>

        <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100" aria-label={t('form.aboutTheChange')}>
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
              {t('form.reason')} <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('form.required')}</span>
            </label>
            <input
              id="reason"
              name="reason"
              type="text"
              required
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              onBlur={() => setReasonTouched(true)}
              placeholder={t('form.reasonPlaceholder')}
              aria-describedby="reason-error"
              aria-invalid={reasonInvalid ? true : undefined}
              className={`mt-1 ${inputClass}`}
            />
            <FieldError id="reason-error" messages={reasonErrors} />
          </div>

          <div>
            <label htmlFor="revertAt" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
              {t('form.temporaryUntil')} <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('form.optional')}</span>
            </label>
            <input
              id="revertAt"
              name="revertAt"
              type="datetime-local"
              value={revertInput.local}
              onChange={(event) => setRevertInput({ local: event.target.value, checkedAt: new Date() })}
              aria-describedby="revertAt-hint revertAt-error"
              aria-invalid={invalidFields.has('revertAt') || fieldErrors.revertAt ? true : undefined}
              className={`mt-1 sm:max-w-xs ${inputClass}`}
            />
            <p id="revertAt-hint" className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
              {t('form.temporaryHint', { timeZone, maxDays: MAX_REVERT_DAYS })}
            </p>
            {revert ? (
              <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
                {t.rich('form.temporaryEnds', { at: () => <LocalTime iso={revert.iso} /> })}
              </p>
            ) : null}
            <FieldError id="revertAt-error" messages={fieldErrors.revertAt} />
          </div>

          <div>
            <label htmlFor="justification" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
              {t('form.justification')} <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('form.optional')}</span>
            </label>
            <textarea
              id="justification"
              name="justification"
              rows={4}
              maxLength={4000}
              value={justification}
              onChange={(event) => setJustification(event.target.value)}
              aria-describedby="justification-hint justification-error"
              aria-invalid={fieldErrors.justification ? true : undefined}
              className={`mt-1 ${inputClass}`}
            />
            <p id="justification-hint" className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
              {t('form.justificationHint')}
            </p>
            <FieldError id="justification-error" messages={fieldErrors.justification} />
          </div>

          <ExpectedPeakField value={expectedPeak} onChange={setExpectedPeak} optional />
        </section>

        <div className="space-y-3">
          <div aria-live="polite" className="min-h-5 text-sm">
            {pending ? (
              <p className="text-zinc-600 dark:text-zinc-400">{t('form.submitting')}</p>
            ) : serverErrors ? (
              <div ref={errorRef} tabIndex={-1} className="rounded-md border border-rose-200 bg-rose-50 p-3 text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-300">
                <p>{serverErrors.message}</p>
                {serverErrors.code === 'stale_limits' || serverErrors.code === 'request_already_open' ? (
                  <button type="button" onClick={() => router.refresh()} className="mt-1 font-medium underline">
                    {t('form.reload')}
                  </button>
                ) : null}
              </div>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-indigo-600 px-5 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60"
            >
              {t('form.submit')}
            </button>
            <Link href="/" className="text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              {t('form.back')}
            </Link>
          </div>
        </div>
      </div>

      <aside className="min-w-0 space-y-4 lg:sticky lg:top-6 lg:self-start" aria-label={t('aside.label')}>
        <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('aside.rules')}</h2>
          <div aria-live="polite" className="mt-2 space-y-1 text-sm">
            {problems.length > 0 ? (
              <ul className="space-y-1 text-rose-700 dark:text-rose-300">
                {problems.map((problem) => (
                  <li key={`${problem.code}-${problem.field ?? ''}`}>{tErrors(problem.code, problem.params)}</li>
                ))}
              </ul>
            ) : null}
            {unchanged ? <p className="text-zinc-600 dark:text-zinc-400">{t('aside.changeSomething')}</p> : null}
            {reasonBlank ? <p className={reasonTouched ? 'text-rose-700 dark:text-rose-300' : 'text-zinc-600 dark:text-zinc-400'}>{reasonRequired}</p> : null}
            {problems.length === 0 && !unchanged && !reasonBlank ? <p className="text-emerald-700 dark:text-emerald-300">{t('aside.followsRules')}</p> : null}
          </div>
          <ul className="mt-3 list-disc space-y-0.5 pl-5 text-xs text-zinc-500 dark:text-zinc-400">
            <li>{t('aside.ruleRange', { max: MAX_PORTS })}</li>
            {tenant.personalConnectionEnabled ? <li>{t('aside.ruleNotAboveConcurrent')}</li> : null}
            <li>{t('aside.ruleTemporary', { maxDays: MAX_REVERT_DAYS })}</li>
            <li>{t('aside.ruleReason')}</li>
          </ul>
        </section>

        <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('aside.outcome')}</h2>
          <div aria-live="polite" className="mt-2 space-y-2 text-sm">
            {outcome === 'fix' ? (
              <p className="text-zinc-600 dark:text-zinc-400">{t('aside.fixRules')}</p>
            ) : outcome === 'auto' ? (
              <p className="font-medium text-emerald-700 dark:text-emerald-300">{t('aside.approvedAtOnce')}</p>
            ) : outcome === 'review' ? (
              <p className="font-medium text-amber-800 dark:text-amber-300">{t('aside.needsReview', { delta })}</p>
            ) : (
              <p className="font-medium text-amber-800 dark:text-amber-300">{t('aside.needsInformation', { delta })}</p>
            )}
            <p className="text-zinc-600 dark:text-zinc-400">
              {t('aside.remaining', { remaining: threshold.remaining, threshold: threshold.threshold })}{' '}
              {t.rich('aside.resets', { at: () => <LocalTime iso={thresholdResetsAt} format="time" /> })}
            </p>
          </div>
        </section>

        {showCost ? (
          <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-700 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100">
            <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('aside.cost')}</h2>
            <div aria-live="polite" className="mt-2 text-sm">
              <p className="text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{formatCents(format, costCents, currency, true)}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {t('aside.costBasis', {
                  saving: costCents < 0 ? 'yes' : 'no',
                  price: formatCents(format, threshold.portPriceCents, currency),
                  temporary: revert ? 'yes' : 'no',
                })}
              </p>
            </div>
          </section>
        ) : null}
      </aside>
    </form>
  );
}
