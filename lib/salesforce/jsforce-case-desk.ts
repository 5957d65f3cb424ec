import 'server-only';
import {
  CASE_ORIGIN,
  type CaseClosing,
  type CaseCloseStatus,
  type CaseComment,
  type CaseDesk,
  type CaseDetails,
  type CaseRef,
  type CaseState,
  CaseDeskError,
  MAX_CASES_PER_READ,
  hasCommentMarker,
  CASE_COMMENT_LIMIT,
  markedCommentBody,
} from './case-desk';
import type { SalesforceConfig } from './salesforce-config';
import { type SalesforceFault, fromFault } from './salesforce-errors';
import { SalesforceSession } from './salesforce-session';

type Subrequest = { method: 'GET' | 'POST' | 'PATCH'; url: string; referenceId: string; body?: unknown };
type CompositeAnswer = { compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[] };
type QueryAnswer<T> = { records: T[]; done: boolean; nextRecordsUrl?: string };
type CaseRecord = {
  Id: string;
  CaseNumber: string;
  Status: string;
  LastModifiedBy: { Email: string | null } | null;
  CaseComments: { records: { CommentBody: string | null }[] } | null;
};

const DESCRIPTION_LIMIT = 32_000;
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * The case desk on Salesforce, through jsforce's REST calls. Opening and closing are one composite
 * call each (all-or-none), so an auto-approved request costs two API calls plus a shared sign-in.
 * A retried comment or closing first reads the case's comments for its marker (one more call, on
 * retries only): Salesforce has no idempotency key for a CaseComment insert.
 */
export class JsforceCaseDesk implements CaseDesk {
  readonly name = 'salesforce';
  private readonly session: SalesforceSession;

  constructor(
    private readonly config: SalesforceConfig,
    options: { timeoutMs?: number } = {},
  ) {
    this.session = new SalesforceSession(config, options.timeoutMs);
  }

  get calls(): number {
    return this.session.calls;
  }

  /** Upsert on the external id (a retry finds the case it opened), then read its CaseNumber. */
  async openCase(details: CaseDetails): Promise<CaseRef> {
    const external = `${this.config.externalIdField}/${encodeURIComponent(details.externalId)}`;
    const [, read] = await this.composite([
      {
        method: 'PATCH',
        url: this.path(`/sobjects/Case/${external}`),
        referenceId: 'upsertCase',
        body: { Subject: details.subject, Description: details.description.slice(0, DESCRIPTION_LIMIT), Origin: CASE_ORIGIN },
      },
      { method: 'GET', url: this.path('/sobjects/Case/@{upsertCase.id}?fields=Id,CaseNumber'), referenceId: 'readCase' },
    ]);
    const record = read as { Id: string; CaseNumber: string };
    return { caseId: record.Id, caseNumber: record.CaseNumber };
  }

  async addComment(caseId: string, comment: CaseComment): Promise<void> {
    if (comment.retry && (await this.hasComment(caseId, comment.key))) return;
    await this.session.request({
      method: 'POST',
      url: '/sobjects/CaseComment',
      body: JSON.stringify(this.comment(caseId, comment)),
      headers: { 'content-type': 'application/json' },
    });
  }

  /**
   * The closing comment and the final status together, so a case is never closed without its reason.
   * The composite is all-or-none: a retry that finds the closing comment finds the status set with it,
   * and sends nothing (setting the status again would be a second update for triggers and flows, and
   * would undo a rep who reopened the case meanwhile).
   */
  async closeCase(caseId: string, closing: CaseClosing): Promise<void> {
    if (closing.comment.retry && (await this.hasComment(caseId, closing.comment.key))) return;
    await this.composite([
      { method: 'POST', url: this.path('/sobjects/CaseComment'), referenceId: 'closingComment', body: this.comment(caseId, closing.comment) },
      { method: 'PATCH', url: this.path(`/sobjects/Case/${recordId(caseId)}`), referenceId: 'closeCase', body: { Status: this.statusFor(closing.status) } },
    ]);
  }

  /** One SOQL query: status, who changed it last, and the latest comment not written by SSPM. */
  async readCases(caseIds: readonly string[]): Promise<CaseState[]> {
    if (caseIds.length > MAX_CASES_PER_READ) throw new Error(`read at most ${MAX_CASES_PER_READ} cases at once`);
    if (caseIds.length === 0) return [];
    const self = recordId(await this.session.userId());
    const ids = caseIds.map((id) => `'${recordId(id)}'`).join(',');
    const soql =
      `SELECT Id, CaseNumber, Status, LastModifiedBy.Email, ` +
      `(SELECT CommentBody FROM CaseComments WHERE CreatedById != '${self}' ORDER BY CreatedDate DESC LIMIT 1) ` +
      `FROM Case WHERE Id IN (${ids})`;
    const result = await this.session.request<{ records: CaseRecord[] }>({ method: 'GET', url: `/query?q=${encodeURIComponent(soql)}` });
    return result.records.map((record) => ({
      caseId: record.Id,
      caseNumber: record.CaseNumber,
      status: record.Status,
      decision: record.Status === this.config.approvedStatus ? 'approve' : record.Status === this.config.rejectedStatus ? 'reject' : null,
      changedBy: record.LastModifiedBy?.Email ?? null,
      comment: record.CaseComments?.records[0]?.CommentBody ?? null,
    }));
  }

  private statusFor(status: CaseCloseStatus): string {
    if (status === 'Approved') return this.config.approvedStatus;
    if (status === 'Rejected') return this.config.rejectedStatus;
    return this.config.closedStatus;
  }

  private comment(caseId: string, comment: CaseComment) {
    return { ParentId: recordId(caseId), CommentBody: markedCommentBody(comment, CASE_COMMENT_LIMIT), IsPublished: false };
  }

  /**
   * Whether SSPM already posted the comment with this key on the case. CommentBody is a text area,
   * which SOQL refuses in WHERE (INVALID_FIELD: can not be filtered), so the integration user's
   * comments of the case are read (a handful per case) and the marker looked for here.
   */
  private async hasComment(caseId: string, key: string): Promise<boolean> {
    const self = recordId(await this.session.userId());
    const soql = `SELECT CommentBody FROM CaseComment WHERE ParentId = '${recordId(caseId)}' AND CreatedById = '${self}'`;
    let url: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page: QueryAnswer<{ CommentBody: string | null }> = await this.session.request({ method: 'GET', url });
      if (page.records.some((record) => hasCommentMarker(record.CommentBody, key))) return true;
      url = page.done ? undefined : page.nextRecordsUrl;
    }
    return false;
  }

  private path(resource: string): string {
    return `/services/data/v${this.config.apiVersion}${resource}`;
  }

  /** Subrequests in one call, all-or-none; the first real failure (not PROCESSING_HALTED) is thrown. */
  private async composite(requests: Subrequest[]): Promise<unknown[]> {
    const answer = await this.session.request<CompositeAnswer>({
      method: 'POST',
      url: '/composite',
      body: JSON.stringify({ allOrNone: true, compositeRequest: requests }),
      headers: { 'content-type': 'application/json' },
    });
    const failures = answer.compositeResponse.filter((item) => item.httpStatusCode >= 400);
    if (failures.length > 0) {
      const faults = failures.map((item) => ({ ...firstFault(item.body), status: item.httpStatusCode }));
      throw fromFault(faults.find((fault) => fault.errorCode !== 'PROCESSING_HALTED') ?? faults[0]!);
    }
    return answer.compositeResponse.map((item) => item.body);
  }
}

function firstFault(body: unknown): SalesforceFault {
  const first = (Array.isArray(body) ? body[0] : body) as Partial<SalesforceFault> | undefined;
  return { errorCode: first?.errorCode ?? 'UNKNOWN_ERROR', message: first?.message ?? 'No detail given.' };
}

/** Ids go into URLs and SOQL; anything but a Salesforce id is refused before it gets there. */
function recordId(id: string): string {
  if (!RECORD_ID.test(id)) throw new CaseDeskError('Not a Salesforce record id.', { retryable: false, code: 'MALFORMED_ID' });
  return id;
}
