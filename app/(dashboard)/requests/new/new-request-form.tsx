'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { formatCents, monthlyCostImpactCents } from '@/lib/domain/cost';
import { MAX_PORTS, PORT_LABELS, type PortType, type RequestedLimits, enabledPortTypes } from '@/lib/domain/ports';
import { MAX_REVERT_DAYS, findViolations } from '@/lib/domain/rules';
import { approvalRoute } from '@/lib/domain/threshold';
import type { ThresholdStatus } from '@/lib/requests/threshold-status';
import type { TenantView } from '@/lib/requests/views';
import { formatNumber, plural } from '../../../_components/format';
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

function signed(value: number, format: (n: number) => string): string {
  if (value > 0) return `+${format(value)}`;
  if (value < 0) return `−${format(-value)}`;
  return format(0);
}

export function NewRequestForm({ tenant, threshold }: { tenant: TenantView; threshold: ThresholdStatus }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<RequestActionState, FormData>(createRequestAction, null);
  const types = enabledPortTypes(tenant.personalConnectionEnabled);

  // Controlled fields: React resets uncontrolled ones after every action, which would lose the input on an error.
  const [values, setValues] = useState<Record<PortType, string>>({
    concurrent: String(tenant.limits.concurrent),
    outbound: String(tenant.limits.outbound),
    agentless: String(tenant.limits.agentless),
  });
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [expectedPeak, setExpectedPeak] = useState('');
  const [revertLocal, setRevertLocal] = useState('');
  const [revert, setRevert] = useState<{ iso: string; checkedAt: Date } | null>(null);

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

  const serverErrors = state && !state.ok ? state : null;
  const fieldErrors = serverErrors?.fieldErrors ?? {};

  function onRevertChange(value: string) {
    setRevertLocal(value);
    const date = new Date(value);
    // datetime-local has no zone: the browser's own zone is the user's, so convert here and send UTC.
    setRevert(value && !Number.isNaN(date.getTime()) ? { iso: date.toISOString(), checkedAt: new Date() } : null);
  }

  return (
    <form action={formAction} className="grid gap-6 lg:grid-cols-3" noValidate>
      <input type="hidden" name="tenantId" value={tenant.id} />
      {types.map((type) => (
        <input key={type} type="hidden" name={`expected.${type}`} value={tenant.limits[type]} />
      ))}
      <input type="hidden" name="revertAtUtc" value={revert?.iso ?? ''} />

      <div className="space-y-6 lg:col-span-2">
        <fieldset className="rounded-lg border border-zinc-200 bg-white p-5" aria-describedby="ports-error">
          <legend className="px-1 text-base font-semibold">New limits</legend>
          {!tenant.personalConnectionEnabled ? (
            <p className="mb-3 text-sm text-zinc-600">
              Personal Connection is off for this tenant, so only concurrent ports can be changed.
            </p>
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
                    {PORT_LABELS[type]} ports
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
                    {formatNumber(from)} → {Number.isFinite(to) ? formatNumber(to) : '?'}
                    {change !== 0 ? (
                      <span className={`ml-2 font-medium ${change > 0 ? 'text-indigo-700' : 'text-zinc-700'}`}>
                        ({signed(change, formatNumber)})
                      </span>
                    ) : (
                      <span className="ml-2 text-zinc-400">(no change)</span>
                    )}
                  </p>
                  <FieldError id={`${id}-error`} messages={fieldErrors[type]} />
                </div>
              );
            })}
          </div>
          <FieldError id="ports-error" messages={fieldErrors.changes ?? fieldErrors.expected} />
        </fieldset>

        <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" aria-label="About the change">
          <div>
            <label htmlFor="reason" className="block text-sm font-medium text-zinc-700">
              Reason <span className="font-normal text-zinc-500">(required)</span>
            </label>
            <input
              id="reason"
              name="reason"
              type="text"
              required
              maxLength={1000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder="Membership drive in March"
              aria-describedby="reason-error"
              aria-invalid={fieldErrors.reason ? true : undefined}
              className={`mt-1 ${inputClass}`}
            />
            <FieldError id="reason-error" messages={fieldErrors.reason} />
          </div>

          <div>
            <label htmlFor="revertAt" className="block text-sm font-medium text-zinc-700">
              Temporary until <span className="font-normal text-zinc-500">(optional)</span>
            </label>
            <input
              id="revertAt"
              name="revertAt"
              type="datetime-local"
              value={revertLocal}
              onChange={(event) => onRevertChange(event.target.value)}
              aria-describedby="revertAt-hint revertAt-error"
              aria-invalid={invalidFields.has('revertAt') || fieldErrors.revertAt ? true : undefined}
              className={`mt-1 sm:max-w-xs ${inputClass}`}
            />
            <p id="revertAt-hint" className="mt-1 text-sm text-zinc-500">
              Your local time. Leave empty for a permanent change; a temporary one ends within {MAX_REVERT_DAYS} days and
              the limits then go back to what they are now.
            </p>
            <FieldError id="revertAt-error" messages={fieldErrors.revertAt} />
          </div>

          <div>
            <label htmlFor="justification" className="block text-sm font-medium text-zinc-700">
              Justification <span className="font-normal text-zinc-500">(optional)</span>
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
              Needed when the increase is more than today&apos;s automatic allowance: an Account Representative reads it.
            </p>
            <FieldError id="justification-error" messages={fieldErrors.justification} />
          </div>

          <ExpectedPeakField value={expectedPeak} onChange={setExpectedPeak} optional />
        </section>

        <div className="space-y-3">
          <div aria-live="polite" className="min-h-5 text-sm">
            {pending ? (
              <p className="text-zinc-600">Submitting your request…</p>
            ) : serverErrors ? (
              <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-rose-800">
                <p>{serverErrors.message}</p>
                {serverErrors.code === 'stale_limits' || serverErrors.code === 'request_already_open' ? (
                  <button type="button" onClick={() => router.refresh()} className="mt-1 font-medium underline">
                    Reload the tenant&apos;s current state
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
              Submit request
            </button>
            <Link href="/" className="text-sm font-medium text-zinc-600 hover:text-zinc-900">
              Back to the dashboard
            </Link>
          </div>
        </div>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-6 lg:self-start" aria-label="What will happen">
        <section className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-zinc-900">Rules</h2>
          <div aria-live="polite" className="mt-2 text-sm">
            {problems.length > 0 ? (
              <ul className="space-y-1 text-rose-700">
                {problems.map((problem) => (
                  <li key={`${problem.code}-${problem.field ?? ''}`}>{problem.message}</li>
                ))}
              </ul>
            ) : unchanged ? (
              <p className="text-zinc-600">Change at least one limit.</p>
            ) : (
              <p className="text-emerald-700">The change follows every rule.</p>
            )}
          </div>
          <ul className="mt-3 list-disc space-y-0.5 pl-5 text-xs text-zinc-500">
            <li>Each limit is a whole number from 0 to {formatNumber(MAX_PORTS)}.</li>
            {tenant.personalConnectionEnabled ? <li>Outbound and agentless ports may not exceed concurrent ports.</li> : null}
            <li>A temporary change ends in the future, within {MAX_REVERT_DAYS} days.</li>
          </ul>
        </section>

        <section className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 className="text-sm font-semibold text-zinc-900">Outcome</h2>
          <div aria-live="polite" className="mt-2 space-y-2 text-sm">
            {problems.length > 0 || unchanged ? (
              <p className="text-zinc-600">Fix the rules above to see what will happen.</p>
            ) : route === 'auto' ? (
              <p className="font-medium text-emerald-700">Will be approved at once: the new limits apply when you submit.</p>
            ) : justification.trim() ? (
              <p className="font-medium text-amber-800">
                Needs an Account Representative&apos;s review: the increase of {plural(delta, 'concurrent port')} is more
                than today&apos;s automatic allowance. Your justification goes with the request.
              </p>
            ) : (
              <p className="font-medium text-amber-800">
                Needs more information: the increase of {plural(delta, 'concurrent port')} is more than today&apos;s
                automatic allowance. Add a justification to send it straight to an Account Representative&apos;s review.
              </p>
            )}
            <p className="text-zinc-600">
              {threshold.remaining === 1 ? '1 port remains' : `${formatNumber(threshold.remaining)} ports remain`} for
              automatic approval today (daily threshold {formatNumber(threshold.threshold)}, UTC day).
            </p>
          </div>
        </section>

        {threshold.portPriceCents > 0 ? (
          <section className="rounded-lg border border-zinc-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-zinc-900">Monthly cost impact</h2>
            <div aria-live="polite" className="mt-2 text-sm">
              <p className="text-2xl font-semibold tabular-nums text-zinc-900">{signed(costCents, formatCents)}</p>
              <p className="text-zinc-600">
                {costCents < 0 ? 'A saving, at ' : 'At '}
                {formatCents(threshold.portPriceCents)} per concurrent port per month
                {revert ? ', until the temporary change ends' : ''}.
              </p>
            </div>
          </section>
        ) : null}
      </aside>
    </form>
  );
}
