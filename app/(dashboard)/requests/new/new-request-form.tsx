'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useNow, useTimeZone, useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { PORT_PRICE_CURRENCY, monthlyCostImpactCents } from '@/lib/domain/cost';
import { MAX_PORTS, type PortType, type RequestedLimits, enabledPortTypes, perPortType } from '@/lib/domain/ports';
import { MAX_REVERT_DAYS, findViolations } from '@/lib/domain/rules';
import { approvalRoute, utcDay } from '@/lib/domain/threshold';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/locales';
import type { ThresholdStatus } from '@/lib/requests/threshold-status';
import type { TenantView } from '@/lib/requests/views';
import { wallTimeToUtc } from '@/lib/validation/request-form';
import { LocalTime } from '../../../_components/local-time';
import { FieldError } from '../../_components/form-feedback';
import type { RequestActionState } from '../../_lib/action-state';
import { createRequestAction } from './actions';
import { ExpectedPeakField } from '../../_components/expected-peak-field';

const inputClass =
  'block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-rose-400';

/** A whole number the user typed, or undefined while the field is empty ("leave as it is"). */
function parsePort(raw: string): number | undefined {
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export function NewRequestForm({ tenant, threshold }: { tenant: TenantView; threshold: ThresholdStatus }) {
  const router = useRouter();
  const t = useTranslations('newRequest');
  const tErrors = useTranslations('errors');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  // The reader's time zone (their saved one, else their browser's): the end of a temporary change is
  // typed, and every time shown, in it. The daily threshold stays a UTC day, told in that zone's clock.
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const now = useNow();
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(createRequestAction, null);
  const types = enabledPortTypes(tenant.personalConnectionEnabled);

  // Controlled fields: React resets uncontrolled ones after every action, which would lose the input on an error.
  const [values, setValues] = useState<Record<PortType, string>>(() => perPortType((type) => String(tenant.limits[type])));
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [expectedPeak, setExpectedPeak] = useState('');
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
  const money = (cents: number, signDisplay: 'auto' | 'exceptZero' = 'auto') =>
    format.number(cents / 100, { style: 'currency', currency: PORT_PRICE_CURRENCY, signDisplay });
  const thresholdResetsAt = utcDay(now).end.toISOString();

  const serverErrors = state && !state.ok ? state : null;
  const fieldErrors = serverErrors?.fieldErrors ?? {};


  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-3" noValidate>
      <input type="hidden" name="tenantId" value={tenant.id} />
      {types.map((type) => (
        <input key={type} type="hidden" name={`expected.${type}`} value={tenant.limits[type]} />
      ))}
      <input type="hidden" name="revertAtUtc" value={revert?.iso ?? ''} />

      <div className="space-y-6 lg:col-span-2">
        <fieldset className="rounded-lg border border-zinc-200 bg-white p-5" aria-describedby="ports-error">
          <legend className="px-1 text-base font-semibold">{t('form.newLimits')}</legend>
          {!tenant.personalConnectionEnabled ? (
            <p className="mb-3 text-sm text-zinc-600">{t('form.personalConnectionOff')}</p>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-3">
            {types.map((type) => {
              const from = tenant.limits[type];
              const to = requested[type] ?? from;
              const id = `port-${type}`;
              const change = Number.isFinite(to) ? to - from : 0;
              return (
                <div key={type}>
                  <label htmlFor={id} className="block text-sm font-medium text-zinc-700">
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
                    aria-describedby={`${id}-preview ${id}-error`}
                    aria-invalid={invalidFields.has(type) || fieldErrors[type] ? true : undefined}
                    className={`mt-1 tabular-nums ${inputClass}`}
                  />
                  <p id={`${id}-preview`} className="mt-1 text-sm tabular-nums text-zinc-600">
                    {format.number(from)} → {Number.isFinite(to) ? format.number(to) : '?'}
                    {change !== 0 ? (
                      <span className={`ml-2 font-medium ${change > 0 ? 'text-indigo-700' : 'text-zinc-700'}`}>
                        ({format.number(change, { signDisplay: 'exceptZero' })})
                      </span>
                    ) : (
                      <span className="ml-2 text-zinc-400">{t('form.noChange')}</span>
                    )}
                  </p>
                  <FieldError id={`${id}-error`} messages={fieldErrors[type]} />
                </div>
              );
            })}
          </div>
          <FieldError id="ports-error" messages={fieldErrors.changes ?? fieldErrors.expected} />
        </fieldset>

        <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" aria-label={t('form.aboutTheChange')}>
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-zinc-700">
              {t('form.reason')} <span className="font-normal text-zinc-500">{t('form.required')}</span>
            </label>
            <input
              id="reason"
              name="reason"
              type="text"
              required
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder={t('form.reasonPlaceholder')}
              aria-describedby="reason-error"
              aria-invalid={fieldErrors.reason ? true : undefined}
              className={`mt-1 ${inputClass}`}
            />
            <FieldError id="reason-error" messages={fieldErrors.reason} />
          </div>

          <div>
            <label htmlFor="revertAt" className="block text-sm font-medium text-zinc-700">
              {t('form.temporaryUntil')} <span className="font-normal text-zinc-500">{t('form.optional')}</span>
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
            <p id="revertAt-hint" className="mt-1 text-sm text-zinc-500">
              {t('form.temporaryHint', { timeZone, maxDays: MAX_REVERT_DAYS })}
            </p>
            {revert ? (
              <p className="mt-1 text-sm text-zinc-700">
                {t.rich('form.temporaryEnds', { at: () => <LocalTime iso={revert.iso} /> })}
              </p>
            ) : null}
            <FieldError id="revertAt-error" messages={fieldErrors.revertAt} />
          </div>

          <div>
            <label htmlFor="justification" className="block text-sm font-medium text-zinc-700">
              {t('form.justification')} <span className="font-normal text-zinc-500">{t('form.optional')}</span>
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
            <p id="justification-hint" className="mt-1 text-sm text-zinc-500">
              {t('form.justificationHint')}
            </p>
            <FieldError id="justification-error" messages={fieldErrors.justification} />
          </div>

          <ExpectedPeakField value={expectedPeak} onChange={setExpectedPeak} optional />
        </section>

        <div className="space-y-3">
          <div aria-live="polite" className="min-h-5 text-sm">
            {pending ? (
              <p className="text-zinc-600">{t('form.submitting')}</p>
            ) : serverErrors ? (
              <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-rose-800">
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
            <Link href="/" className="text-sm font-medium text-zinc-600 hover:text-zinc-900">
              {t('form.back')}
            </Link>
          </div>
        </div>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-6 lg:self-start" aria-label={t('aside.label')}>
        <section className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-zinc-900">{t('aside.rules')}</h2>
          <div aria-live="polite" className="mt-2 text-sm">
            {problems.length > 0 ? (
              <ul className="space-y-1 text-rose-700">
                {problems.map((problem) => (
                  <li key={`${problem.code}-${problem.field ?? ''}`}>{tErrors(problem.code, problem.params)}</li>
                ))}
              </ul>
            ) : unchanged ? (
              <p className="text-zinc-600">{t('aside.changeSomething')}</p>
            ) : (
              <p className="text-emerald-700">{t('aside.followsRules')}</p>
            )}
          </div>
          <ul className="mt-3 list-disc space-y-0.5 pl-5 text-xs text-zinc-500">
            <li>{t('aside.ruleRange', { max: MAX_PORTS })}</li>
            {tenant.personalConnectionEnabled ? <li>{t('aside.ruleNotAboveConcurrent')}</li> : null}
            <li>{t('aside.ruleTemporary', { maxDays: MAX_REVERT_DAYS })}</li>
          </ul>
        </section>

        <section className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-zinc-900">{t('aside.outcome')}</h2>
          <div aria-live="polite" className="mt-2 space-y-2 text-sm">
            {problems.length > 0 || unchanged ? (
              <p className="text-zinc-600">{t('aside.fixRules')}</p>
            ) : route === 'auto' ? (
              <p className="font-medium text-emerald-700">{t('aside.approvedAtOnce')}</p>
            ) : justification.trim() ? (
              <p className="font-medium text-amber-800">{t('aside.needsReview', { delta })}</p>
            ) : (
              <p className="font-medium text-amber-800">{t('aside.needsInformation', { delta })}</p>
            )}
            <p className="text-zinc-600">
              {t('aside.remaining', { remaining: threshold.remaining, threshold: threshold.threshold })}{' '}
              {t.rich('aside.resets', { at: () => <LocalTime iso={thresholdResetsAt} format="time" /> })}
            </p>
          </div>
        </section>

        {threshold.portPriceCents > 0 ? (
          <section className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-zinc-900">{t('aside.cost')}</h2>
            <div aria-live="polite" className="mt-2 text-sm">
              <p className="text-2xl font-semibold tabular-nums text-zinc-900">{money(costCents, 'exceptZero')}</p>
              <p className="text-zinc-600">
                {t('aside.costBasis', {
                  saving: costCents < 0 ? 'yes' : 'no',
                  price: money(threshold.portPriceCents),
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
