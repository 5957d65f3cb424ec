import { useFormatter, useTranslations } from 'next-intl';
import { formatCents } from '../_lib/money';

/**
 * What a change costs a month, signed, in the configured currency and the reader's number format:
 * "+US$625.00 a month", a saving when negative, or "no change in cost". Server and client alike.
 */
export function MonthlyCostImpact({ cents, currency, temporary = false }: { cents: number; currency: string; temporary?: boolean }) {
  const t = useTranslations('requests.cost');
  const format = useFormatter();
  if (cents === 0) return <>{t('none')}</>;
  return (
    <span className="tabular-nums">
      {t('perMonth', {
        amount: formatCents(format, cents, currency, true),
        saving: cents < 0 ? 'yes' : 'no',
        temporary: temporary ? 'yes' : 'no',
      })}
    </span>
  );
}
