/**
 * Where every request's case lives: Salesforce in production, the local case desk in development
 * and tests. Calls may fail or time out; the outbox retries them, so every method must be safe to
 * repeat (opening is keyed by our request id, the external id).
 */
export type CaseDetails = {
  /** Our request id; Salesforce upserts on it so that a retry never opens a second case. */
  externalId: string;
  subject: string;
  description: string;
};

export type CaseRef = { caseId: string; caseNumber: string };

export type CaseClosing = { status: CaseCloseStatus; comment: string };
export type CaseCloseStatus = 'Approved' | 'Rejected' | 'Cancelled' | 'Reverted';

/** A case as the scheduled sync reads it back: a rep may have decided it in the desk itself. */
export type CaseState = {
  caseId: string;
  caseNumber: string;
  status: string;
  /** What the case's status means for its request, when it is one of the decision statuses. */
  decision: 'approve' | 'reject' | null;
  /** Who last changed the case (an e-mail), when the desk knows it. */
  changedBy: string | null;
  /** The latest comment not written by SSPM itself: the rep's reason. */
  comment: string | null;
};

/** Salesforce's SOQL answers at most this many ids per query in one reasonable URL; callers batch. */
export const MAX_CASES_PER_READ = 200;

export interface CaseDesk {
  readonly name: string;
  /** Calls made to the desk by this process so far (API calls, sign-ins included), for reports. */
  readonly calls: number;
  openCase(details: CaseDetails): Promise<CaseRef>;
  addComment(caseId: string, body: string): Promise<void>;
  closeCase(caseId: string, closing: CaseClosing): Promise<void>;
  /** At most MAX_CASES_PER_READ ids; unknown ids are left out of the answer. */
  readCases(caseIds: readonly string[]): Promise<CaseState[]>;
}

export const CASE_ORIGIN = 'Self-Service Port Management';

/**
 * A failure of the desk; `retryable` false means retrying cannot help (bad field, no permission).
 * The message is short and free of secrets: reps see it on the request's page.
 */
export class CaseDeskError extends Error {
  readonly retryable: boolean;
  readonly code: string | undefined;
  constructor(message: string, options: { retryable: boolean; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'CaseDeskError';
    this.retryable = options.retryable;
    this.code = options.code;
  }
}
