import { useTranslations } from 'next-intl';
import { NotFoundNotice } from '../../../_components/notice';

export default function RequestNotFound() {
  const t = useTranslations('requests.notFound');
  return <NotFoundNotice title={t('title')} body={t('body')} back={{ href: '/requests', label: t('back') }} />;
}
