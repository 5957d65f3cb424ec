import { useTranslations } from 'next-intl';

/** Separation of duties, said where the decision buttons would be. */
export function OwnRequestNote() {
  const t = useTranslations('approvals');
  return <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{t('ownRequest')}</p>;
}
