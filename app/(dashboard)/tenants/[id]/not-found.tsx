import { useTranslations } from 'next-intl';
import { NotFoundNotice } from '../../../_components/notice';

export default function TenantNotFound() {
  const t = useTranslations('usage.notFound');
  return <NotFoundNotice title={t('title')} body={t('body')} back={{ href: '/', label: t('back') }} />;
}
