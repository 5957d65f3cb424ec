import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Notice } from '../../../_components/notice';

export default function TenantNotFound() {
  const t = useTranslations('usage.notFound');
  return (
    <Notice title={t('title')} level={1}>
      <p>{t('body')}</p>
      <p>
        <Link href="/" className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">
          {t('back')}
        </Link>
      </p>
    </Notice>
  );
}
