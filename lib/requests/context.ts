import type { Database } from '@/db/client';
import type { CaseDesk } from '@/lib/salesforce/case-desk';

/** What every use case runs with; tests pass their own database, desk and clock. */
export type UseCaseContext = {
  db: Database;
  caseDesk: CaseDesk;
  clock: () => Date;
  /**
   * Runs case-desk work once the answer has gone out (Next's after() when the desk is Salesforce).
   * Unset, the work is done before answering, bounded: the local desk and most tests.
   */
  afterAnswer?: (task: () => Promise<void>) => void;
};
