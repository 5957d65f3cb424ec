import type { Database } from '@/db/client';
import type { Mailer } from '@/lib/notifications/mailer';
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
  /** E-mail for notifications; absent (SMTP_URL unset), notifications stay in the app. */
  mailer?: Mailer | null;
  /** Work nobody should wait for, such as e-mail. Unset, it is done before answering (tests). */
  background?: (task: () => Promise<void>) => void;
  /** The app's public URL, for links in e-mails. */
  appUrl?: string;
};
