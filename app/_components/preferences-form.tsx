'use client';

import { useLocale, useNow, useTimeZone, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { savePreferencesAction } from './preferences-actions';

/** The language (and, signed in, the time zone) switcher of the header; the choice applies at once. */
export function PreferencesForm({ withTimeZone }: { withTimeZone: boolean }) {
  const t = useTranslations('common');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'UTC';
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const id = useId();
  const now = useNow();
  // The full list comes from the browser when the select is first used: the server's list may differ
  // (another ICU), and 400 options on every page are weight nobody needs until then.
  const [zones, setZones] = useState<readonly string[]>([timeZone]);
  const listZones = () => {
    if (zones.length > 1 || typeof Intl.supportedValuesOf !== 'function') return;
    const all = Intl.supportedValuesOf('timeZone');
    setZones(all.includes(timeZone) ? all : [timeZone, ...all]);
  };

  const save = (input: { locale?: Locale; timeZone?: string }) =>
    startTransition(async () => {
      const { ok } = await savePreferencesAction(input);
      if (ok) router.refresh();
    });

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-busy={pending}>
      <label htmlFor={`${id}-locale`} className="sr-only">
        {t('preferences.language')}
      </label>
      <select
        id={`${id}-locale`}
        value={locale}
        disabled={pending}
        onChange={(event) => save({ locale: event.target.value as Locale })}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-700"
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
      {withTimeZone ? (
        <>
          <label htmlFor={`${id}-zone`} className="sr-only">
            {t('preferences.timeZone')}
          </label>
          <select
            id={`${id}-zone`}
            value={timeZone}
            disabled={pending}
            onFocus={listZones}
            onPointerDown={listZones}
            onChange={(event) => save({ timeZone: event.target.value })}
            title={t('preferences.timeZoneNow', { now })}
            className="max-w-44 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-700"
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </>
      ) : null}
    </div>
  );
}
