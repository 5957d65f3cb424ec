import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localCases } from '@/db/schema';
import { type CaseComment, type CaseDesk, CaseDeskError, MAX_CASES_PER_READ } from '@/lib/salesforce/case-desk';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';
import { TestClock } from '../support/clock';
import { salesforceDeskFor } from '../support/salesforce';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

/** What a case holds, read behind the desk's back: its comments' bodies and when it was closed. */
type CaseRecord = { comments: string[]; closedAt: string | null };

/**
 * One way to get a fresh desk: the local one on a database, or the jsforce one on the emulator;
 * `clock` is the desk's time, `record` reads a case as stored.
 */
type DeskUnderTest = {
  name: string;
  start: () => Promise<void>;
  fresh: (clock: TestClock) => Promise<CaseDesk>;
  record: (caseId: string) => Promise<CaseRecord>;
  stop: () => Promise<void>;
};

const localDesk = (backend: (typeof BACKENDS)[number]): DeskUnderTest => {
  let database: TestDatabase;
  return {
    name: `the local desk on ${backend}`,
    start: async () => {
      database = await createTestDatabase(backend);
    },
    fresh: async (clock) => {
      await resetTestDatabase(database);
      return new LocalCaseDesk(database.db, clock.now);
    },
    record: async (caseId) => {
      const [kase] = await database.db.select().from(localCases).where(eq(localCases.id, caseId));
      return { comments: kase!.comments.map((comment) => comment.body), closedAt: kase!.closedAt?.toISOString() ?? null };
    },
    stop: () => database.dispose(),
  };
};

const salesforceDesk = (): DeskUnderTest => {
  let emulator: SalesforceEmulator | undefined;
  return {
    name: 'the jsforce desk on the Salesforce emulator',
    start: async () => {},
    fresh: async (clock) => {
      await emulator?.stop();
      emulator = await startSalesforceEmulator({ clock: clock.now });
      return salesforceDeskFor(emulator);
    },
    record: async (caseId) => ({
      comments: emulator!.org.commentsOf(caseId).map((comment) => String(comment.CommentBody)),
      closedAt: (emulator!.org.findRecord('Case', caseId)?.ClosedDate as string | null) ?? null,
    }),
    stop: async () => {
      await emulator?.stop();
    },
  };
};

const DESKS = [...BACKENDS.map(localDesk), salesforceDesk()];
const UNKNOWN_CASE = '500000000000000AAA';

describe.each(DESKS)('the CaseDesk contract: $name', (subject) => {
  let desk: CaseDesk;
  let clock: TestClock;

  beforeAll(() => subject.start());
  beforeEach(async () => {
    clock = new TestClock();
    desk = await subject.fresh(clock);
  });
  afterAll(() => subject.stop());

  const details = (externalId: string) => ({
    externalId,
    subject: 'Port change for The League: Concurrent ports: 150 → 200',
    description: 'Tenant: The League (league)\nRequested by: percy@classics.example',
  });
  /** A comment as the outbox sends it: keyed by its operation, `retry` from the second attempt on. */
  const comment = (body: string, key = '41', retry = false): CaseComment => ({ body, key, retry });

  it('opens a case with an eight-digit case number', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0001'));
    expect(ref.caseNumber).toMatch(/^\d{8}$/);
    expect(ref.caseId).toMatch(/^[0-9A-Za-z]{15,18}$/);
  });

  it('opens the same case again for the same external id, so a retry never makes a second case', async () => {
    const first = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0002'));
    const again = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0002'));
    const other = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0003'));
    expect(again).toEqual(first);
    expect(other.caseId).not.toBe(first.caseId);
    expect(other.caseNumber).not.toBe(first.caseNumber);
  });

  it('reads back an open case as undecided', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0004'));
    await desk.addComment(ref.caseId, comment('More information from percy@classics.example: a bigger drive'));
    const [state] = await desk.readCases([ref.caseId]);
    expect(state).toMatchObject({ caseId: ref.caseId, caseNumber: ref.caseNumber, decision: null, comment: null });
  });

  it('closes a case as Approved or Rejected, and reads that status back as the decision', async () => {
    const approved = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0005'));
    const rejected = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0006'));
    const cancelled = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0007'));
    await desk.closeCase(approved.caseId, { status: 'Approved', comment: comment('Approved automatically within the daily threshold.', '51') });
    await desk.closeCase(rejected.caseId, { status: 'Rejected', comment: comment('Rejected by rep@ops.example: too many.', '52') });
    await desk.closeCase(cancelled.caseId, { status: 'Cancelled', comment: comment('Withdrawn by percy@classics.example.', '53') });

    const states = await desk.readCases([approved.caseId, rejected.caseId, cancelled.caseId]);
    const decisionOf = (caseId: string) => states.find((state) => state.caseId === caseId)?.decision;
    expect(states).toHaveLength(3);
    expect(decisionOf(approved.caseId)).toBe('approve');
    expect(decisionOf(rejected.caseId)).toBe('reject');
    expect(decisionOf(cancelled.caseId)).toBeNull();
  });

  it('can close a case twice (a retried close) without failing', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0008'));
    await desk.closeCase(ref.caseId, { status: 'Approved', comment: comment('Approved.') });
    await expect(desk.closeCase(ref.caseId, { status: 'Approved', comment: comment('Approved.', '41', true) })).resolves.toBeUndefined();
  });

  it('ends each comment with the line [SSPM #<key>], kept whole when a long body is cut to 4,000 characters', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0011'));
    await desk.addComment(ref.caseId, comment('Short.', '7'));
    await desk.addComment(ref.caseId, comment('x'.repeat(5_000), '12345'));
    const [short, long] = (await subject.record(ref.caseId)).comments;
    expect(short).toBe('Short.\n[SSPM #7]');
    expect(long).toHaveLength(4_000);
    expect(long!.endsWith('x\n[SSPM #12345]')).toBe(true);
  });

  it('reliability item 4: a retried comment whose first attempt was applied leaves one comment', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0012'));
    const body = 'More information from percy@classics.example: a bigger drive';
    await desk.addComment(ref.caseId, comment(body, '41'));
    // The answer was lost; the outbox sends the same operation again.
    await desk.addComment(ref.caseId, comment(body, '41', true));
    await desk.addComment(ref.caseId, comment(body, '41', true));
    expect((await subject.record(ref.caseId)).comments).toEqual([`${body}\n[SSPM #41]`]);
  });

  it('reliability item 4: a retried close whose first attempt was applied leaves one closing comment and closes once', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0013'));
    const closing = (retry: boolean) => ({ status: 'Approved' as const, comment: comment('Approved by rep@ops.example.', '42', retry) });
    await desk.closeCase(ref.caseId, closing(false));
    const closed = await subject.record(ref.caseId);
    clock.advance(60 * 60 * 1000);
    await desk.closeCase(ref.caseId, closing(true));

    const after = await subject.record(ref.caseId);
    expect(after.comments).toEqual(['Approved by rep@ops.example.\n[SSPM #42]']);
    expect(after.closedAt).not.toBeNull();
    expect(after.closedAt).toBe(closed.closedAt);
    expect((await desk.readCases([ref.caseId]))[0]).toMatchObject({ decision: 'approve' });
  });

  it('reliability item 4: a retry whose first attempt never arrived posts the comment and closes the case', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0014'));
    await desk.addComment(ref.caseId, comment('Temporary change ended.', '43', true));
    await desk.closeCase(ref.caseId, { status: 'Rejected', comment: comment('Rejected by rep@ops.example.', '44', true) });
    expect((await subject.record(ref.caseId)).comments).toEqual(['Temporary change ended.\n[SSPM #43]', 'Rejected by rep@ops.example.\n[SSPM #44]']);
    expect((await desk.readCases([ref.caseId]))[0]).toMatchObject({ decision: 'reject' });
  });

  it('reliability item 4: keys are per comment: another operation with the same text is posted again', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0015'));
    await desk.addComment(ref.caseId, comment('Same words.', '45'));
    await desk.addComment(ref.caseId, comment('Same words.', '46', true));
    // A user's text that ends in someone else's marker is not that comment.
    await desk.addComment(ref.caseId, comment('Quoting [SSPM #47]', '48'));
    await desk.addComment(ref.caseId, comment('Mine.', '47', true));
    expect((await subject.record(ref.caseId)).comments).toHaveLength(4);
  });

  it('leaves unknown cases out of a read, and reads nothing for no ids without calling the desk', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0009'));
    expect((await desk.readCases([ref.caseId, UNKNOWN_CASE])).map((state) => state.caseId)).toEqual([ref.caseId]);
    const calls = desk.calls;
    expect(await desk.readCases([])).toEqual([]);
    expect(desk.calls).toBe(calls);
  });

  it(`refuses to read more than ${MAX_CASES_PER_READ} cases at once`, async () => {
    const ids = Array.from({ length: MAX_CASES_PER_READ + 1 }, () => UNKNOWN_CASE);
    await expect(desk.readCases(ids)).rejects.toThrow(String(MAX_CASES_PER_READ));
  });

  it('reports a comment on a case that does not exist as a permanent CaseDeskError', async () => {
    const error = await desk.addComment(UNKNOWN_CASE, comment('Hello?', '49', true)).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CaseDeskError);
    expect((error as CaseDeskError).retryable).toBe(false);
  });

  it('counts the calls it makes', async () => {
    const before = desk.calls;
    await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0010'));
    expect(desk.calls).toBeGreaterThan(before);
  });
});
