import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Utilisation, UtilisationBand } from '@/lib/domain/usage';
import { wholePercent } from '@/lib/usage/recent-peaks';

const FILL: Record<UtilisationBand, string> = { green: 'bg-emerald-600', amber: 'bg-amber-500', red: 'bg-rose-600' };

const srOnly = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

/**
 * A peak against its limit (issue 13 §4): a bar coloured by band (green < 80 %, amber 80–95 %, red
 * ≥ 95 %) and the numbers in words, so that colour is never the only signal. `window` names the
 * period to a screen reader; `surface` "light" is for cards that stay light in dark mode (the
 * dashboard's table), "auto" for cards that follow it.
 */
export function UtilisationBar({
  utilisation,
  window,
  surface = 'auto',
  className = '',
}: {
  utilisation: Utilisation;
  window: 'day' | 'week' | 'month';
  surface?: 'light' | 'auto';
  className?: string;
}) {
  const t = useTranslations('usage.bar');
  const dark = surface === 'auto';
  const { peak, limit, percent, band } = utilisation;
  if (peak === null || percent === null || band === null) {
    return (
      <span className={`block text-xs ${dark ? 'text-zinc-600 dark:text-zinc-400' : 'text-zinc-600'} ${className}`}>
        {t.rich('noData', { window, sr: srOnly })}
      </span>
    );
  }
  return (
    <span className={`block min-w-24 ${className}`}>
      <span aria-hidden="true" className={`block h-1.5 w-full overflow-hidden rounded-full ${dark ? 'bg-zinc-200 dark:bg-zinc-700' : 'bg-zinc-200'}`}>
        <span className={`block h-full rounded-full ${FILL[band]}`} style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span className={`mt-1 block text-xs tabular-nums ${band === 'red' ? 'font-medium' : ''} ${dark ? 'text-zinc-700 dark:text-zinc-300' : 'text-zinc-700'}`}>
        {t.rich('value', {
          window,
          peak,
          limit,
          percent: wholePercent(percent),
          band,
          sr: srOnly,
        })}
      </span>
    </span>
  );
}
