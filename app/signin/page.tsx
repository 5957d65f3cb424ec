import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { DEMO_TENANTS, DEMO_USERS } from '@/db/demo-data';
import { getPageCaller } from '@/lib/auth/current-caller';
import { isOidcConfigured } from '@/lib/auth/oidc-provider';
import { getEnv } from '@/lib/env';
import { PreferencesForm } from '../_components/preferences-form';
import { ssoSignInAction } from './actions';
import { DemoSignInForm } from './demo-sign-in-form';
import { safeRedirect } from './safe-redirect';

/**
 * The demo users hold the default SSO groups; the sign-in page says what each of them does, in the
 * reader's words, never the group's own name (`sspm-requester` means nothing to a visitor).
 */
const ROLE_OF_GROUP = {
  'sspm-requester': 'requester',
  'sspm-viewer': 'viewer',
  'sspm-account-rep': 'accountRep',
  'sspm-network-ops': 'networkOps',
  'sspm-usage-feed': 'usageFeed',
} as const;
const isDefaultGroup = (group: string): group is keyof typeof ROLE_OF_GROUP => Object.hasOwn(ROLE_OF_GROUP, group);

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin');
  return { title: t('title') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  // Demo mode is read from the environment at request time, never baked in at build time.
  await connection();
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirect(typeof callbackUrl === 'string' ? callbackUrl : undefined);
  const demo = getEnv().demo;
  const sso = isOidcConfigured(getEnv());

  if (demo || sso) {
    const { caller } = await getPageCaller();
    if (caller) redirect(target);
  }
  const [t, tc] = await Promise.all([getTranslations('signin'), getTranslations('common')]);
  const tenantName = (id: string | null | undefined) => DEMO_TENANTS.find((tenant) => tenant.id === id)?.name ?? id ?? '';
  const roleOf = (user: (typeof DEMO_USERS)[number]): string => {
    const roles = (user.groups ?? []).filter(isDefaultGroup).map((group) => t(`demo.role.${ROLE_OF_GROUP[group]}`, { tenant: tenantName(user.homeTenantId) }));
    return roles.length > 0 ? roles.join(' · ') : t('demo.role.none');
  };

  return (
    <>
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
        <div className="mb-8">
          <div className="flex items-center justify-between gap-4">
            <p className="text-sm font-semibold uppercase tracking-wide text-indigo-700 dark:text-indigo-300">{tc('appShortName')}</p>
            <PreferencesForm withTimeZone={false} />
          </div>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">{tc('appName')}</h1>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('intro')}</p>
        </div>
        {error ? (
          <p role="alert" className="mb-6 rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">
            {t('failed')}
          </p>
        ) : null}
        {sso ? (
          <form action={ssoSignInAction}>
            <input type="hidden" name="callbackUrl" value={target} />
            <button
              type="submit"
              className="w-full rounded-lg bg-indigo-600 px-4 py-3 text-sm font-semibold text-white shadow-xs hover:bg-indigo-700"
            >
              {t('sso')}
            </button>
          </form>
        ) : null}
        {sso && demo ? <p className="my-6 text-center text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{t('orDemo')}</p> : null}
        {demo ? (
          <DemoSignInForm
            callbackUrl={target}
            users={DEMO_USERS.map((user) => ({ email: user.email, name: user.name, role: roleOf(user) }))}
          />
        ) : null}
        {!demo && !sso ? (
          <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
            {t('notConfigured')}
          </p>
        ) : null}
      </main>
    </>
  );
}
