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

export interface CaseDesk {
  readonly name: string;
  openCase(details: CaseDetails): Promise<CaseRef>;
  addComment(caseId: string, body: string): Promise<void>;
  closeCase(caseId: string, closing: CaseClosing): Promise<void>;
}

export const CASE_ORIGIN = 'Self-Service Port Management';

/** A failure of the desk; `retryable` false means retrying cannot help (bad field, no permission). */
export class CaseDeskError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'CaseDeskError';
    this.retryable = options.retryable;
  }
}
