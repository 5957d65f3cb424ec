import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { AppError } from '@/lib/domain/errors';
import { type AutoIncreaseView, getAutoIncrease } from '@/lib/usage/auto-increase-switch';
import { LocalTime } from '../../../_components/local-time';
import { PortChangeList } from '../../../_components/port-changes';
import { StatusBadge } from '../../../_components/status-badge';
import { AutoIncreaseSwitch } from './auto-increase-switch';

/**
 * The tenant page's "raise automatically when usage reaches 95 %" (issue 13 §7): whether it is on,
 * for whom and since when, today's threshold and automatic request, the switch for those who may
 * use it (the state only for others), and the switch's latest audited changes.
 */
export async function AutoIncreaseSection({ tenantId }: { tenantId: string }) {
  const { caller, ctx } = await requirePageCaller();
  let view: AutoIncreaseView;
  try {
    view = await getAutoIncrease(ctx, caller, tenantId);
  } catch (error) {
    // The page itself answers a tenant the caller cannot see.
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) return null;
    throw error;
  }
  const t = await getTranslations('autoIncrease.section');
  const enabled = view.enabled ? 'on' : 'off';
  // Whoever may use the switch in some state sees it (disabled when it cannot move now, as for a rep
  // once it is off): it stays on the page after a change, with its answer beside it.
  const interactive = view.may.turnOn || view.may.turnOff;
  const movable = view.enabled ? view.may.turnOff : view.may.turnOn;
  const muted = 'text-zinc-600 dark:text-zinc-400';

  return (
    <section
      aria-labelledby="auto-increase-heading"
      className="rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="auto-increase-heading" className="text-base font-semibold">
        {t('title')}
      </h2>
      <p className={`mt-1 max-w-prose text-sm ${muted}`}>{t('description')}</p>

      <div className="mt-4">
        {interactive ? (
          <AutoIncreaseSwitch tenantId={view.tenantId} enabled={view.enabled} disabled={!movable} />
        ) : (
          <p className="text-sm">
            <span className="font-medium">{t('switchLabel')}</span> <span className={muted}>{t('state', { enabled })}</span>
          </p>
        )}
        {!movable ? (
          <p className={`mt-2 text-sm ${muted}`}>{!view.monitoringGateway ? t('noMonitoringGateway') : view.enabled ? t('onlyRequestersOrReps') : t('onlyRequesters')}</p>
        ) : null}
      </div>

      {view.enabled && view.onBehalfOf && !view.requesterPermitted ? (
        <p role="note" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {t('requesterNotPermitted', { name: view.onBehalfOf.name })}
        </p>
      ) : null}

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        {view.enabled && view.onBehalfOf && view.since ? (
          <>
            <Field label={t('actingFor')}>{t('actingForValue', { name: view.onBehalfOf.name, email: view.onBehalfOf.email })}</Field>
            <Field label={t('since')}>
              <LocalTime iso={view.since} />
            </Field>
          </>
        ) : null}
        <Field label={t('threshold')}>
          <span className="tabular-nums">{t('thresholdValue', { remaining: view.today.remaining, threshold: view.today.threshold })}</span>
        </Field>
        <Field label={t('todaysRequest')}>
          {view.todaysRequest ? (
            <span className="flex flex-wrap items-center gap-2">
              <Link
                href={`/requests/${view.todaysRequest.id}`}
                className="text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300"
              >
                <PortChangeList changes={view.todaysRequest.changes} inline />
              </Link>
              <StatusBadge status={view.todaysRequest.status} />
              <span className={muted}>
                <LocalTime iso={view.todaysRequest.createdAt} format="time" />
              </span>
            </span>
          ) : (
            <span className={muted}>{t('noRequestToday')}</span>
          )}
        </Field>
      </dl>

      {view.history.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">{t('history')}</h3>
          <ul className="mt-2 space-y-1 text-sm">
            {view.history.map((event) => (
              <li key={`${event.at}-${event.action}-${event.actor}`} className="flex flex-wrap gap-x-2">
                <span>
                  {t('event', {
                    action: event.action,
                    cause: event.cause ?? 'turned_off',
                    actor: event.actor,
                    onBehalfOf: event.onBehalfOf ?? '',
                  })}
                </span>
                <span className={muted}>
                  <LocalTime iso={event.at} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
