import { useTranslations } from 'next-intl';
import { NotFoundNotice } from '../_components/notice';

export default function DashboardNotFound() {
  const t = useTranslations('dashboard.notFound');
  return <NotFoundNotice title={t('title')} body={t('body')} back={{ href: '/', label: t('back') }} />;
}
