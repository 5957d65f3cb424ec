import { useTranslations } from 'next-intl';
import { ActorName } from '../../../_components/actor-name';

// How the audit and the decision record who acted, beyond people's e-mail addresses: the scheduled
// jobs (`system:revert-temporary`) and a rep deciding in Salesforce (`salesforce:<who>`, or
// `salesforce:status Approved` when Salesforce does not say who).
const SYSTEM = 'system:';
const SALESFORCE = 'salesforce:';

/** Who did something, in the reader's words: never an internal actor code. */
export function Actor({ actor }: { actor: string }) {
  const t = useTranslations('requests.actor');
  if (actor.startsWith(SYSTEM)) return <ActorName actor="system" />;
  if (actor.startsWith(SALESFORCE)) {
    const who = actor.slice(SALESFORCE.length);
    return <>{who && !who.startsWith('status ') ? t('inSalesforce', { who }) : t('salesforce')}</>;
  }
  return <ActorName actor={actor} />;
}
