import { redirect } from 'next/navigation';
import { NoAccess } from '@/app/_components/notice';
import { PageHeader } from '@/app/_components/page-header';
import { requirePageCaller } from '@/lib/auth/current-caller';
import { isAccountRep, isNetworkOps } from '@/lib/auth/permissions';

export const metadata = { title: 'Administration' };

/** SPEC §5's /admin: reps administer access, Network Operations the thresholds. */
export default async function AdminPage() {
  const { caller } = await requirePageCaller();
  if (isAccountRep(caller)) redirect('/admin/access');
  if (isNetworkOps(caller)) redirect('/admin/thresholds');
  return (
    <>
      <PageHeader title="Administration" />
      <NoAccess>
        <p>Administration is for Account Representatives and Network Operations.</p>
      </NoAccess>
    </>
  );
}
