import type { RevertBlockedReason } from '@/lib/domain/revert';
import { renderError } from './render-error';
import type { Formatter, Translator } from './translate';

/** Why a temporary change was not reverted, in the reader's words (pages, e-mails, case comments). */
export function renderRevertBlocked(t: Translator, format: Pick<Formatter, 'list'>, reason: RevertBlockedReason): string {
  if (reason.code === 'ports_moved') {
    const ports = format.list(
      reason.types.map((type) => t(`common.portsOf.${type}`)),
      { type: 'conjunction' },
    );
    return t('common.revertBlocked', { reason: reason.code, ports, rule: '' });
  }
  const rule = reason.code === 'rule_broken' ? renderError(t, reason.violation) : '';
  return t('common.revertBlocked', { reason: reason.code, ports: '', rule });
}
