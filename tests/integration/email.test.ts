import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifications, users } from '@/db/schema';
import { insertNotifications } from '@/lib/data/notifications';
import type { Locale } from '@/lib/i18n/locales';
import { formatterFor } from '@/lib/i18n/translate';
import { dispatchEmails } from '@/lib/notifications/email-outbox';
import { createSmtpMailer } from '@/lib/notifications/smtp-mailer';
import { addInformation } from '@/lib/requests/add-information';
import { decideRequest } from '@/lib/requests/decide-request';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { type ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { PERCY, REP, type TestContext, createTestContext } from '../support/use-case-context';
import { BACKENDS, POSTGRES_URL, type TestDatabase, createTestDatabase, resetTestDatabase } from '../support/test-db';

const HOUR = 60 * 60 * 1000;

/** UTF-8 bytes written as `=XX` (quoted-printable bodies, Q-encoded headers) back to text. */
function decodeHex(text: string): string {
  return text.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
}

/** An e-mail as its reader sees it: the subject's encoded words and each part's transfer encoding undone. */
function readable(mail: ReceivedMail): { subject: string; text: string; html: string } {
  const subject = mail.subject
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, word: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(word, 'base64').toString('utf8') : decodeHex(word.replace(/_/g, ' ')),
    );
  const part = (type: string) => {
    const match = new RegExp(`Content-Type: ${type}[^\\r\\n]*\\r?\\nContent-Transfer-Encoding: ([\\w-]+)\\r?\\n\\r?\\n([\\s\\S]*?)\\r?\\n--`, 'i').exec(mail.raw);
    if (!match) return '';
    const [, encoding, content] = match;
    return encoding!.toLowerCase() === 'base64' ? Buffer.from(content!.replace(/\s+/g, ''), 'base64').toString('utf8') : decodeHex(content!);
  };
  return { subject, text: part('text/plain'), html: part('text/html') };
}

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

  const choose = (email: string, locale: Locale | null, timeZone: string | null = null) =>
    database.db.update(users).set({ locale, timeZone }).where(eq(sql`lower(${users.email})`, email));

  it('the next e-mail follows the recipient’s language as it is when the e-mail goes out, text and HTML alike', async () => {
    await smtp.stop();
    await choose(PERCY, 'en');
    const request = await overThreshold();
    // Written while Percy read English; sent after he switched to Portuguese.
    await choose(PERCY, 'pt-BR');
    await smtp.start();
    ctx.clockControl.advance(HOUR);
    await dispatchEmails(database.db, ctx.mailer!, { now: ctx.clock, appUrl: 'http://localhost:3000' });
    const [asked] = smtp.received.map(readable);
    expect(asked!.subject).toBe(`[Caso ${request.caseNumber}] Mais informações necessárias: The League of the Scarlet Pimpernel`);
    expect(asked!.text).toContain('O aumento de portas simultâneas que você pediu para The League of the Scarlet Pimpernel');
    expect(asked!.text).toContain('Alterações: Simultâneas 150 → 260');
    expect(asked!.text).toContain(`Caso do Salesforce: ${request.caseNumber}`);
    expect(asked!.html).toContain('lang="pt-BR"');
    expect(asked!.html).toContain(`<a href="http://localhost:3000/requests/${request.id}">Ver a solicitação</a>`);

    // The rep reads English; Percy switches back before the decision reaches him.
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Peak of 240 calls' });
    await choose(PERCY, 'en');
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Not during the audit week' });
    expect(smtp.received.slice(1).map((mail) => [mail.to.join(), readable(mail).subject])).toEqual([
      [REP, `[Case ${request.caseNumber}] Approval requested: The League of the Scarlet Pimpernel`],
      [PERCY, `[Case ${request.caseNumber}] Request rejected: The League of the Scarlet Pimpernel`],
    ]);
    expect(readable(smtp.received[2]!).html).toContain('View the request');
  });

  it('writes a time in the recipient’s saved time zone, with the named dateTime format', async () => {
    await choose(PERCY, 'pt-BR', 'America/Sao_Paulo');
    const revertAt = new Date(ctx.clock().getTime() + 20 * HOUR);
    await submitRequest(
      ctx,
      await ctx.callerFor(PERCY),
      createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive', revertAt: revertAt.toISOString() }),
    );
    await revertTemporaryChanges(ctx);
    await dispatchEmails(database.db, ctx.mailer!, { now: ctx.clock });
    const warning = smtp.received.map(readable).find((mail) => mail.subject.includes('termina em menos de 24 horas'));
    expect(warning?.text).toContain(`termina em ${formatterFor('pt-BR', 'America/Sao_Paulo').dateTime(revertAt, 'dateTime')};`);
  });

  it('writes to an address that is nobody’s account in English', async () => {
    const request = await overThreshold();
    await choose(PERCY, 'pt-BR');
    const [row] = await database.db.select().from(notifications);
    await insertNotifications(database.db, [
      { recipient: 'stranger@elsewhere.example', requestId: request.id, kind: 'information_needed', params: row!.params, dedupeKey: 'stranger', emailNextAttemptAt: ctx.clock() },
    ]);
    await dispatchEmails(database.db, ctx.mailer!, { now: ctx.clock });
    const mail = smtp.received.find((received) => received.to.join() === 'stranger@elsewhere.example');
    expect(readable(mail!).subject).toBe(`[Case ${request.caseNumber}] More information needed: The League of the Scarlet Pimpernel`);
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
