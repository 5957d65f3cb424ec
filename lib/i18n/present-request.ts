import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import type { RequestView } from '@/lib/requests/views';
import type { Translator } from './translate';

/**
 * A request as the API answers it, in the reader's words: an automatic approval has no one's
 * comment stored, and SPEC §5 gives every decision one ("within the daily threshold").
 */
export function presentRequest<View extends RequestView>(view: View, t: Translator): View {
  if (view.decision?.by !== AUTO_DECIDER || view.decision.comment) return view;
  return { ...view, decision: { ...view.decision, comment: t('requests.detail.autoDecisionComment') } };
}
