'use client';

import { useTranslations } from 'next-intl';

/** What a rep weighs an increase against: the calls the requester expects at the busiest moment. */
export function ExpectedPeakField({
  value,
  onChange,
  optional = false,
}: {
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
}) {
  const t = useTranslations('requests.expectedPeak');
  return (
    <div className="w-48">
      <label htmlFor="expectedPeak" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {t('label')}
        {optional ? <span className="font-normal text-zinc-500 dark:text-zinc-400"> {t('optional')}</span> : null}
      </label>
      <input
        id="expectedPeak"
        name="expectedPeak"
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-600 dark:bg-zinc-900 text-zinc-900 dark:text-zinc-100"
      />
    </div>
  );
}
