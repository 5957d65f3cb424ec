import { useTranslations } from 'next-intl';
import { AUTO_DECIDER, SYSTEM_ACTOR } from '@/lib/domain/lifecycle';

/** Who did something, as a person reads it: the automatic approval is not an e-mail address. */
export function ActorName({ actor }: { actor: string }) {
  const t = useTranslations('common.actor');
  if (actor === AUTO_DECIDER) return <>{t('auto')}</>;
  if (actor === SYSTEM_ACTOR) return <>{t('system')}</>;
  return <>{actor}</>;
}
