import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getReaderPreferences } from '@/lib/i18n/reader';
import { DemoBanner } from './_components/demo-banner';
import { TimeZoneDetector } from './_components/time-zone-detector';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    title: { default: t('appName'), template: t('titleTemplate', { title: '%s' }) },
    description: t('appDescription'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, timeZoneKnown } = await getReaderPreferences();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          <DemoBanner />
          {timeZoneKnown ? null : <TimeZoneDetector />}
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
