import { useNow, useTranslations } from 'next-intl';
import { ageParts } from './format';

/** How long ago `iso` was, in words ("3 hours", "2 dias"). */
export function Age({ iso }: { iso: string }) {
  const t = useTranslations('common');
  const now = useNow();
  return <>{t('age', ageParts(iso, now))}</>;
}
