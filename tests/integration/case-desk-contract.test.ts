import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CaseDesk, CaseDeskError, MAX_CASES_PER_READ } from '@/lib/salesforce/case-desk';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';
import { salesforceDeskFor } from '../support/salesforce';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { BACKENDS, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

/** One way to get a fresh desk: the local one on a database, or the jsforce one on the emulator. */
type DeskUnderTest = { name: string; start: () => Promise<void>; fresh: () => Promise<CaseDesk>; stop: () => Promise<void> };

const localDesk = (backend: (typeof BACKENDS)[number]): DeskUnderTest => {
  let database: TestDatabase;
  return {
    name: `the local desk on ${backend}`,
    start: async () => {
      database = await createTestDatabase(backend);
    },
    fresh: async () => {
      await resetTestDatabase(database);
      return new LocalCaseDesk(database.db);
    },
    stop: () => database.dispose(),
  };
};

const salesforceDesk = (): DeskUnderTest => {
  let emulator: SalesforceEmulator | undefined;
  return {
    name: 'the jsforce desk on the Salesforce emulator',
    start: async () => {},
    fresh: async () => {
      await emulator?.stop();
      emulator = await startSalesforceEmulator();
      return salesforceDeskFor(emulator);
    },
    stop: async () => {
      await emulator?.stop();
    },
  };
};

const DESKS = [...BACKENDS.map(localDesk), salesforceDesk()];
const UNKNOWN_CASE = '500000000000000AAA';

describe.each(DESKS)('the CaseDesk contract: $name', (subject) => {
  let desk: CaseDesk;

  beforeAll(() => subject.start());
  beforeEach(async () => {
    desk = await subject.fresh();
  });
  afterAll(() => subject.stop());

  const details = (externalId: string) => ({
    externalId,
    subject: 'Port change for The League: Concurrent ports: 150 → 200',
    description: 'Tenant: The League (league)\nRequested by: percy@classics.example',
  });

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
    await desk.addComment(ref.caseId, 'More information from percy@classics.example: a bigger drive');
    const [state] = await desk.readCases([ref.caseId]);
    expect(state).toMatchObject({ caseId: ref.caseId, caseNumber: ref.caseNumber, decision: null, comment: null });
  });

  it('closes a case as Approved or Rejected, and reads that status back as the decision', async () => {
    const approved = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0005'));
    const rejected = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0006'));
    const cancelled = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0007'));
    await desk.closeCase(approved.caseId, { status: 'Approved', comment: 'Approved automatically within the daily threshold.' });
    await desk.closeCase(rejected.caseId, { status: 'Rejected', comment: 'Rejected by rep@ops.example: too many.' });
    await desk.closeCase(cancelled.caseId, { status: 'Cancelled', comment: 'Withdrawn by percy@classics.example.' });

    const states = await desk.readCases([approved.caseId, rejected.caseId, cancelled.caseId]);
    const decisionOf = (caseId: string) => states.find((state) => state.caseId === caseId)?.decision;
    expect(states).toHaveLength(3);
    expect(decisionOf(approved.caseId)).toBe('approve');
    expect(decisionOf(rejected.caseId)).toBe('reject');
    expect(decisionOf(cancelled.caseId)).toBeNull();
  });

  it('can close a case twice (a retried close) without failing', async () => {
    const ref = await desk.openCase(details('0b8e6c1e-1f6e-4c3e-9a53-5a0d8f0c0008'));
    await desk.closeCase(ref.caseId, { status: 'Approved', comment: 'Approved.' });
    await expect(desk.closeCase(ref.caseId, { status: 'Approved', comment: 'Approved.' })).resolves.toBeUndefined();
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
    const error = await desk.addComment(UNKNOWN_CASE, 'Hello?').then(
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
