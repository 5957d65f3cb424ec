import type { Database } from '@/db/client';
import type { CaseDesk } from '@/lib/salesforce/case-desk';

/** What every use case runs with; tests pass their own database, desk and clock. */
export type UseCaseContext = {
  db: Database;
  caseDesk: CaseDesk;
  clock: () => Date;
};
