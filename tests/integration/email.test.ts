import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { dispatchEmails } from '@/lib/notifications/email-outbox';
import { createSmtpMailer } from '@/lib/notifications/smtp-mailer';
import { addInformation } from '@/lib/requests/add-information';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { SmtpSink } from '../support/smtp-sink';
import { PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';
import { BACKENDS, POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

const HOUR = 60 * 60 * 1000;

describe.each(BACKENDS)('e-mail notifications through a real SMTP server on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let smtp: SmtpSink;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  beforeEach(async () => {
    await resetTestDatabase(database);
    smtp = new SmtpSink();
    await smtp.start();
    ctx = { ...createTestContext(database), mailer: createSmtpMailer(smtp.url, 'SSPM <sspm@ops.example>'), appUrl: 'http://localhost:3000' };
  });
  afterEach(async () => {
    await smtp.stop();
  });
  afterAll(async () => {
    await database.dispose();
  });

  const overThreshold = async () =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 260 }, reason: 'Membership drive' }));

  it('sends each message to the right address, naming the case number', async () => {
    const request = await overThreshold();
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Peak of 240 calls' });
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Not during the audit week' });

    expect(smtp.received.map((mail) => [mail.to.join(), mail.subject])).toEqual([
      [PERCY, `[Case ${request.caseNumber}] More information needed: The League of the Scarlet Pimpernel`],
      [REP, `[Case ${request.caseNumber}] Approval requested: The League of the Scarlet Pimpernel`],
      [PERCY, `[Case ${request.caseNumber}] Request rejected: The League of the Scarlet Pimpernel`],
    ]);
    const rejection = smtp.received[2]!;
    expect(rejection.raw).toContain('Not during the audit week');
    expect(rejection.raw).toContain('text/html');
    expect(rejection.raw).toContain(`http://localhost:3000/requests/${request.id}`);
  });

  it('keeps e-mails while the mail server is down and delivers each exactly once when it returns', async () => {
    await smtp.stop();
    const request = await overThreshold();
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Peak of 240 calls' });
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'approve', comment: '' });
    expect(smtp.received).toEqual([]);
    const waiting = await database.db.select().from(notifications);
    expect(waiting.map((row) => row.emailState)).toEqual(['pending', 'pending', 'pending']);
    expect(waiting.every((row) => row.emailLastError?.includes('could not be reached'))).toBe(true);

    await smtp.start();
    ctx.clockControl.advance(HOUR);
    const run = () => dispatchEmails(database.db, ctx.mailer!, { now: ctx.clock });
    const reports = await Promise.all([run(), run()]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(3);
    await run();
    expect(smtp.received.map((mail) => mail.to.join())).toEqual([PERCY, REP, PERCY]);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(3);
    expect((await database.db.select().from(notifications)).every((row) => row.emailState === 'sent')).toBe(true);
  });

  it('keeps notifications in the app only when no mail server is configured', async () => {
    ctx = { ...ctx, mailer: null };
    const request = await overThreshold();
    const rows = await database.db.select().from(notifications);
    expect(rows).toMatchObject([{ requestId: request.id, emailState: 'skipped' }]);
    expect(smtp.received).toEqual([]);
  });
});

describe.skipIf(!POSTGRES_URL)('e-mail dispatchers racing on PostgreSQL', () => {
  it('never sends one notification twice when several dispatchers run at once', async () => {
    const database = await createTestDatabase('postgres');
    const smtp = new SmtpSink();
    await smtp.start();
    try {
      // Nothing is sent after the answers: the racing dispatchers below find every e-mail due.
      const ctx = { ...createTestContext(database), background: () => {} };
      const percy = await ctx.callerFor(PERCY);
      for (const tenantId of ['league', 'classics', 'blakeney']) {
        await submitRequest(ctx, percy, createRequestSchema.parse({ tenantId, changes: { concurrent: 20 + (tenantId === 'blakeney' ? 0 : 100) }, reason: 'x' }));
      }
      const mailer = createSmtpMailer(smtp.url, 'sspm@ops.example');
      await Promise.all(Array.from({ length: 5 }, () => dispatchEmails(database.db, mailer, { now: ctx.clock })));
      const ids = smtp.received.map((mail) => mail.messageId);
      expect(ids.length).toBe(3);
      expect(new Set(ids).size).toBe(3);
    } finally {
      await smtp.stop();
      await database.dispose();
    }
  });
});
