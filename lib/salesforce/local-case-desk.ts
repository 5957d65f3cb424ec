import { and, eq, inArray, not, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { localCases } from '@/db/schema';
import {
  CASE_ORIGIN,
  type CaseClosing,
  type CaseComment,
  type CaseDesk,
  type CaseDetails,
  type CaseRef,
  type CaseState,
  CaseDeskError,
  MAX_CASES_PER_READ,
  commentMarker,
  CASE_COMMENT_LIMIT,
  markedCommentBody,
} from './case-desk';


/** Stands in for Salesforce: cases in our own database, with 8-digit numbers like CaseNumber. */
export class LocalCaseDesk implements CaseDesk {
  readonly name = 'local';
  private count = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get calls(): number {
    return this.count;
  }

  async openCase(details: CaseDetails): Promise<CaseRef> {
    this.count += 1;
    const existing = await this.findByExternalId(details.externalId);
    if (existing) return existing;
    const result = (await this.db.execute(sql`select nextval('local_case_number_seq')::text as number`)) as unknown as {
      rows: { number: string }[];
    };
    const number = result.rows[0]!.number;
    // Upsert on the external id, as the Salesforce adapter does: a racing open returns the same case.
    const [inserted] = await this.db
      .insert(localCases)
      .values({
        id: `500L${number.padStart(14, '0')}`,
        caseNumber: number.padStart(8, '0'),
        externalId: details.externalId,
        subject: details.subject,
        description: details.description,
        origin: CASE_ORIGIN,
        createdAt: this.clock(),
      })
      .onConflictDoNothing({ target: localCases.externalId })
      .returning({ caseId: localCases.id, caseNumber: localCases.caseNumber });
    const opened = inserted ?? (await this.findByExternalId(details.externalId));
    if (!opened) throw new CaseDeskError('The case could not be opened.', { retryable: true });
    return opened;
  }

  private async findByExternalId(externalId: string): Promise<CaseRef | null> {
    const [row] = await this.db
      .select({ caseId: localCases.id, caseNumber: localCases.caseNumber })
      .from(localCases)
      .where(eq(localCases.externalId, externalId));
    return row ?? null;
  }

  async addComment(caseId: string, comment: CaseComment): Promise<void> {
    this.count += 1;
    await this.appendComment(caseId, comment, {});
  }

  async closeCase(caseId: string, closing: CaseClosing): Promise<void> {
    this.count += 1;
    await this.appendComment(caseId, closing.comment, { status: closing.status, closedAt: this.clock() });
  }

  /** Every comment on a local case is SSPM's own, so there is no rep's comment to report. */
  async readCases(caseIds: readonly string[]): Promise<CaseState[]> {
    if (caseIds.length > MAX_CASES_PER_READ) throw new Error(`read at most ${MAX_CASES_PER_READ} cases at once`);
    if (caseIds.length === 0) return [];
    this.count += 1;
    const rows = await this.db
      .select({ caseId: localCases.id, caseNumber: localCases.caseNumber, status: localCases.status })
      .from(localCases)
      .where(inArray(localCases.id, [...caseIds]));
    return rows.map((row) => ({
      ...row,
      decision: row.status === 'Approved' ? 'approve' : row.status === 'Rejected' ? 'reject' : null,
      changedBy: null,
      comment: null,
    }));
  }

  /**
   * The comment and the status change in one statement, skipped whole when the case already has a
   * comment ending in this key's marker: the same rule as the Salesforce desk, checked on every call
   * since here it costs nothing. The outbox marks an operation sent in a later statement, so a crash
   * in between repeats an applied call here too. A repeated close leaves status and closedAt alone.
   */
  private async appendComment(
    caseId: string,
    comment: CaseComment,
    patch: { status?: string; closedAt?: Date },
  ): Promise<void> {
    const entry = JSON.stringify([{ body: markedCommentBody(comment, CASE_COMMENT_LIMIT), at: this.clock().toISOString() }]);
    const lastLine = `\n${commentMarker(comment.key)}`;
    const posted = sql`exists (select 1 from jsonb_array_elements(${localCases.comments}) as posted
      where right(posted->>'body', ${lastLine.length}) = ${lastLine})`;
    const updated = await this.db
      .update(localCases)
      .set({ ...patch, comments: sql`${localCases.comments} || ${entry}::jsonb` })
      .where(and(eq(localCases.id, caseId), not(posted)))
      .returning({ id: localCases.id });
    if (updated.length > 0) return;
    const [kase] = await this.db.select({ id: localCases.id }).from(localCases).where(eq(localCases.id, caseId));
    if (!kase) throw new CaseDeskError(`Case ${caseId} does not exist.`, { retryable: false });
  }
}
