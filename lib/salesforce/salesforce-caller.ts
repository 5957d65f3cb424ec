import type { Caller } from '@/lib/auth/caller';
import type { CaseState } from './case-desk';

/**
 * The rep who decided a case in Salesforce, as the decide use case sees them: an Account
 * Representative across all tenants, recorded as `salesforce:<who changed the case>` (or its status
 * when Salesforce does not say who), so the audit log tells a Salesforce decision from an SSPM one.
 */
export function salesforceDecider(state: Pick<CaseState, 'changedBy' | 'status'>): Caller {
  const who = state.changedBy ?? `status ${state.status}`;
  return {
    userId: 'salesforce-sync',
    email: `salesforce:${who}`,
    name: `Salesforce (${who})`,
    homeTenantId: null,
    groups: [],
    permissions: new Set(['account_rep']),
    scope: { kind: 'all' },
    locale: null,
    timeZone: null,
  };
}
