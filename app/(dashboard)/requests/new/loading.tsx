import { useTranslations } from 'next-intl';

export default function Loading() {
  const t = useTranslations('newRequest');
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{t('loading')}</span>
      <div className="h-7 w-72 max-w-full rounded bg-zinc-200" />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="h-96 rounded-lg bg-zinc-200 lg:col-span-2" />
        <div className="h-64 rounded-lg bg-zinc-200" />
      </div>
    </div>
  );
}
