import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { canHoldApiToken, canViewPorts, isAccountRep, isNetworkOps } from '@/lib/auth/permissions';
import { signOutAction } from './actions';
import { type NavItem, NavLinks } from './_components/nav-links';
import { NotificationBell } from './_components/notification-bell';
import { PreferencesForm } from '../_components/preferences-form';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // The header needs the caller; each page still checks the caller itself (layouts do not guard pages).
  const { caller } = await requirePageCaller();
  const t = await getTranslations('common');
  const nav: NavItem[] = [
    ...(canViewPorts(caller)
      ? [
          { href: '/', label: t('nav.dashboard') },
          { href: '/requests', label: t('nav.requests') },
        ]
      : []),
    ...(isAccountRep(caller) ? [{ href: '/approvals', label: t('nav.approvals') }] : []),
    ...(isAccountRep(caller) ? [{ href: '/admin/access', label: t('nav.access') }] : []),
    ...(isNetworkOps(caller) ? [{ href: '/admin/thresholds', label: t('nav.thresholds') }] : []),
    ...(canHoldApiToken(caller) ? [{ href: '/settings/tokens', label: t('nav.tokens') }] : []),
  ];

  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-800 focus:shadow dark:focus:bg-zinc-900 dark:focus:text-indigo-200"
      >
        {t('skipLink')}
      </a>
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100">
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 sm:px-6 md:flex-row md:items-center md:justify-between">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:gap-6">
            <Link href="/" className="flex items-baseline gap-2">
              <span className="rounded bg-indigo-600 px-1.5 py-0.5 text-xs font-bold tracking-wide text-white">{t('appShortName')}</span>
              <span className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('appName')}</span>
            </Link>
            <nav aria-label={t('nav.label')}>
              <NavLinks items={nav} />
            </nav>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-4 md:justify-end">
            <div className="text-sm leading-tight md:text-right">
              <p className="font-medium text-zinc-900 dark:text-zinc-100">{caller.name}</p>
              <p className="text-zinc-500 dark:text-zinc-400">{caller.email}</p>
            </div>
            <PreferencesForm withTimeZone />
            <NotificationBell />
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
              >
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
