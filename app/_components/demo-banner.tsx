import { getTranslations } from 'next-intl/server';
import { getEnv } from '@/lib/env';

/** SPEC §6: a production server running with SSPM_DEMO says so loudly on every page. */
export async function DemoBanner() {
  if (!(getEnv().demo && process.env.NODE_ENV === 'production')) return null;
  const t = await getTranslations('common');
  return (
    <div role="alert" className="bg-red-700 px-4 py-2 text-center text-sm font-semibold text-white">
      {t('demoInProduction')}
    </div>
  );
}
