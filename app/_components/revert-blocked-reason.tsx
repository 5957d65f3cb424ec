import { useFormatter, useTranslations } from 'next-intl';
import type { RevertBlockedReason as Reason } from '@/lib/domain/revert';
import { renderRevertBlocked } from '@/lib/i18n/render-revert-blocked';
import type { Translator } from '@/lib/i18n/translate';

/** Why a temporary change ended without its limits restored, in the reader's language. */
export function RevertBlockedReason({ reason }: { reason: Reason }) {
  const t = useTranslations() as unknown as Translator;
  const format = useFormatter();
  return <>{renderRevertBlocked(t, format, reason)}</>;
}
