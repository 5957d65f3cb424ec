'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { type RefObject, useActionState, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/actions/run-action';
import { FieldError } from '../../_components/form-feedback';
import { formatCents } from '../../_lib/money';
import { saveGlobalSettingsAction, saveTenantThresholdAction } from './actions';
import type { GlobalSettingsState, TenantThresholdState } from './form-state';

const inputClass =
  'w-28 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm tabular-nums shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-rose-400 dark:border-zinc-600 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100';
const buttonClass =
  'rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60';

/** After a refused save, focus goes to the first field in error (else stays where it was). */
function useFocusFirstError(state: ActionResult<unknown> | null, form: RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, form]);
}

/** The server's answer in a status region: saving, saved (and what), or why not. */
function SaveStatus({ pending, error, success }: { pending: boolean; error?: string; success?: string }) {
  const t = useTranslations('admin.form');
  return (
    <p role="status" className="min-h-5 text-sm">
      {pending ? (
        <span className="text-zinc-600 dark:text-zinc-400">{t('saving')}</span>
      ) : error ? (
        <span className="text-rose-700 dark:text-rose-300">{error}</span>
      ) : success ? (
        <span className="font-medium text-emerald-800 dark:text-emerald-300">{success}</span>
      ) : null}
    </p>
  );
}

/**
 * The daily threshold and the monthly price of a concurrent port. The price is typed in units of
 * PORT_PRICE_CURRENCY, as the reader writes numbers ("12.50" or "12,50"); the server stores cents.
 */
export function GlobalSettingsForm({
  dailyThreshold,
  portPrice,
  currency,
}: {
  dailyThreshold: number;
  /** The saved price, written as the reader writes an amount (no thousands separator). */
  portPrice: string;
  currency: string;
}) {
  const t = useTranslations('admin.thresholds.global');
  const format = useFormatter();
  const [state, formAction, pending] = useActionState<GlobalSettingsState, FormData>(saveGlobalSettingsAction, null);
  // Controlled: an action resets uncontrolled fields, which would lose what was typed on an error.
  const [threshold, setThreshold] = useState(String(dailyThreshold));
  const [price, setPrice] = useState(portPrice);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const shownBesideFields = Object.keys(fieldErrors).length > 0;

  return (
    <form ref={form} action={formAction} noValidate className="space-y-3">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div>
          <label htmlFor="dailyThreshold" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            {t('dailyThreshold')}
          </label>
          <input
            id="dailyThreshold"
            name="dailyThreshold"
            type="number"
            inputMode="numeric"
            min={0}
            max={9999}
            value={threshold}
            onChange={(event) => setThreshold(event.target.value)}
            aria-describedby="dailyThreshold-error"
            aria-invalid={fieldErrors.dailyThreshold ? true : undefined}
            className={`mt-1 ${inputClass}`}
          />
          <FieldError id="dailyThreshold-error" messages={fieldErrors.dailyThreshold} />
        </div>
        <div>
          <label htmlFor="portPrice" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
            {t('portPrice', { currency })}
          </label>
          <input
            id="portPrice"
            name="portPrice"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={price}
            onChange={(event) => setPrice(event.target.value)}
            aria-describedby="portPrice-hint portPrice-error"
            aria-invalid={fieldErrors.portPrice ? true : undefined}
            className={`mt-1 ${inputClass}`}
          />
          <p id="portPrice-hint" className="mt-1 max-w-xs text-sm text-zinc-600 dark:text-zinc-400">
            {t('portPriceHint', { example: format.number(12.5, { minimumFractionDigits: 2 }) })}
          </p>
          <FieldError id="portPrice-error" messages={fieldErrors.portPrice} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {t('save')}
        </button>
        <SaveStatus
          pending={pending}
          error={state && !state.ok && !shownBesideFields ? state.message : undefined}
          success={
            state?.ok
              ? t('saved', {
                  threshold: state.data.dailyThreshold,
                  price: formatCents(format, state.data.portPriceCents, currency),
                  priced: state.data.portPriceCents > 0 ? 'yes' : 'no',
                })
              : undefined
          }
        />
      </div>
    </form>
  );
}

/** One tenant's own daily threshold; empty for the global one. */
export function TenantThresholdForm({ tenantId, tenantName, override }: { tenantId: string; tenantName: string; override: number | null }) {
  const t = useTranslations('admin.thresholds.tenants');
  const tForm = useTranslations('admin.form');
  const [state, formAction, pending] = useActionState<TenantThresholdState, FormData>(saveTenantThresholdAction, null);
  const [value, setValue] = useState(override === null ? '' : String(override));
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(state, form);
  const inputId = `override-${tenantId}`;
  const errors = state && !state.ok ? (state.fieldErrors?.dailyThreshold ?? [state.message]) : undefined;

  return (
    <form ref={form} action={formAction} noValidate className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="tenantId" value={tenantId} />
      <div>
        <label className="sr-only" htmlFor={inputId}>
          {t('overrideLabel', { tenant: tenantName })}
        </label>
        <input
          id={inputId}
          name="dailyThreshold"
          type="number"
          inputMode="numeric"
          min={0}
          max={9999}
          placeholder={t('overridePlaceholder')}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-describedby={`${inputId}-error`}
          aria-invalid={errors ? true : undefined}
          className={inputClass}
        />
        <FieldError id={`${inputId}-error`} messages={errors} />
      </div>
      <button type="submit" disabled={pending} aria-label={t('saveDescription', { tenant: tenantName })} className={buttonClass}>
        {tForm('save')}
      </button>
      <SaveStatus
        pending={pending}
        success={
          state?.ok
            ? t('saved', {
                tenant: tenantName,
                own: state.data.dailyThreshold === null ? 'no' : 'yes',
                threshold: state.data.dailyThreshold ?? 0,
              })
            : undefined
        }
      />
    </form>
  );
}
