import { useTranslations } from 'next-intl';

export default function Loading() {
  const t = useTranslations('common');
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-7 w-56 rounded bg-zinc-200" />
      <div className="h-4 w-80 max-w-full rounded bg-zinc-200" />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="h-40 rounded-lg bg-zinc-200" />
        <div className="h-40 rounded-lg bg-zinc-200" />
      </div>
    </div>
  );
}
