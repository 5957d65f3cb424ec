/**
 * Where every request's case lives: Salesforce in production, the local case desk in development
 * and tests. Calls may fail or time out, and a call that timed out may still have been applied; the
 * outbox retries them, so every method must be safe to repeat: opening is keyed by our request id
 * (the external id), and every comment by the outbox operation that posts it (CaseComment.key).
 */
export type CaseDetails = {
  /** Our request id; Salesforce upserts on it so that a retry never opens a second case. */
  externalId: string;
  subject: string;
  description: string;
};

export type CaseRef = { caseId: string; caseNumber: string };

/**
 * A comment SSPM posts. The desk posts at most one comment per case and key, so that repeating a
 * call whose answer was lost (the desk applied it, SSPM timed out) leaves one comment, not two.
 */
export type CaseComment = {
  body: string;
  /** The same on every attempt of one outbox operation: its id. Reps see it in the comment's last line. */
  key: string;
  /**
   * An earlier attempt may have been applied. When false (the first attempt) nothing can carry the
   * key yet, so a desk for which looking costs an API call may skip it.
   */
  retry: boolean;
};

/**
 * Closing posts the comment and sets the status as one all-or-none unit: a case with the closing
 * comment has its status too, so a retry that finds the comment has nothing left to do.
 */
export type CaseClosing = { status: CaseCloseStatus; comment: CaseComment };
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
  addComment(caseId: string, comment: CaseComment): Promise<void>;
  closeCase(caseId: string, closing: CaseClosing): Promise<void>;
  /** At most MAX_CASES_PER_READ ids; unknown ids are left out of the answer. */
  readCases(caseIds: readonly string[]): Promise<CaseState[]>;
}

export const CASE_ORIGIN = 'Self-Service Port Management';

/**
 * How a comment carries its key: a last line `[SSPM #<key>]`. Salesforce's CaseComment has no
 * external id field and takes no custom fields, so the body is the only place for it; reps see
 * which SSPM operation wrote the comment, and a retry finds it by that line.
 */
/** Salesforce's CaseComment.CommentBody limit; the local desk keeps to it too, so comments read the same. */
export const CASE_COMMENT_LIMIT = 4_000;

export function commentMarker(key: string): string {
  return `[SSPM #${key}]`;
}

/** The body as posted: cut to `limit` characters with the marker line kept whole at its end. */
export function markedCommentBody(comment: Pick<CaseComment, 'body' | 'key'>, limit: number): string {
  const marker = `\n${commentMarker(comment.key)}`;
  return `${comment.body.slice(0, Math.max(0, limit - marker.length))}${marker}`;
}

/**
 * Whether a posted body carries this key: its last line is the marker. The last line, not anywhere
 * in the body, so that a marker a user typed into their own text never counts.
 */
export function hasCommentMarker(body: string | null, key: string): boolean {
  return (body ?? '').trimEnd().split(/\r?\n/).at(-1) === commentMarker(key);
}

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
