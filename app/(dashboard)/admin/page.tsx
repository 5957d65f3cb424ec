import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isAccountRep, isNetworkOps } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.administration');
  return { title: t('title') };
}

/** SPEC §5's /admin: reps administer access, Network Operations the thresholds. */
export default async function AdminPage() {
  const { caller } = await requirePageCaller();
  if (isAccountRep(caller)) redirect('/admin/access');
  if (isNetworkOps(caller)) redirect('/admin/thresholds');
  const t = await getTranslations('admin.administration');
  return (
    <>
      <PageHeader title={t('title')} />
      <NoAccess>
        <p>{t('noAccess')}</p>
      </NoAccess>
    </>
  );
}
