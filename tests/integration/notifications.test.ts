import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as notificationsRoute from '@/app/api/v1/notifications/route';
import * as readRoute from '@/app/api/v1/notifications/read/route';
import { notifications, users } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { formatterFor } from '@/lib/i18n/translate';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { decideRequest } from '@/lib/requests/decide-request';
import { revertTemporaryChanges } from '@/lib/requests/revert-temporary';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { call, installAppContext } from '../support/api';
import { ATHOS, PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

describe.each(BACKENDS)('notifications on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    installAppContext(ctx);
  });

  const submit = async (concurrent: number, justification?: string) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Drive', justification }));
  const sent = async () =>
    (await database.db.select().from(notifications).orderBy(notifications.id)).map((row) => [row.recipient, row.kind]);

  it('tells the requester of an automatic approval', async () => {
    await submit(200);
    expect(await sent()).toEqual([[PERCY, 'approved']]);
  });

  it('asks the requester for information, then asks the rep to decide, then tells the requester the outcome', async () => {
    const request = await submit(260);
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Peak of 240' });
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Not this week' });
    expect(await sent()).toEqual([
      [PERCY, 'information_needed'],
      [REP, 'approval_requested'],
      [PERCY, 'rejected'],
    ]);
    const [, , rejected] = await database.db.select().from(notifications).orderBy(notifications.id);
    // Stored as the facts it tells, never as a sentence (STYLE §16); read as a sentence.
    expect(rejected).toMatchObject({ subject: '', body: '', params: { tenantName: 'The League of the Scarlet Pimpernel', decisionComment: 'Not this week', decidedBy: REP } });
    const inbox = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: PERCY });
    expect(inbox.json!.items[0]).toMatchObject({ kind: 'rejected', subject: 'Request rejected: The League of the Scarlet Pimpernel' });
    expect(inbox.json!.items[0].body).toContain('Reason given: Not this week');
  });

  it('tells both sides of a justified request at once, and the rep when it is withdrawn', async () => {
    const request = await submit(400, 'Drive');
    await cancelRequest(ctx, await ctx.callerFor(PERCY), request.id);
    expect(await sent()).toEqual([
      [PERCY, 'submitted'],
      [REP, 'approval_requested'],
      [REP, 'cancelled'],
    ]);
  });

  it('serves each user only their own inbox, with the unread count, and marks read only their own', async () => {
    await submit(400, 'Drive');
    const percy = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: PERCY });
    expect(percy.status).toBe(200);
    expect(percy.json).toMatchObject({ unread: 1, items: [{ kind: 'submitted', read: false }] });
    const athos = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: ATHOS });
    expect(athos.json).toMatchObject({ unread: 0, items: [] });

    const repInbox = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: REP });
    const repId = repInbox.json!.items[0].id as number;
    const foreign = await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: [repId] } });
    expect(foreign.json!.unread).toBe(1);
    expect((await call(notificationsRoute.GET, 'GET', '/x', { as: REP })).json!.unread).toBe(1);

    const all = await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: 'all' } });
    expect(all.json).toMatchObject({ unread: 0, items: [{ read: true }] });
    expect((await call(readRoute.POST, 'POST', '/x', { as: PERCY, body: { ids: 'some' } })).status).toBe(400);
    expect((await call(notificationsRoute.GET, 'GET', '/x')).status).toBe(401);
  });

  describe('the reader’s language (a stored notification is a code and its parameters, rendered when read)', () => {
    const choose = (email: string, locale: Locale | null, timeZone: string | null = null) =>
      database.db.update(users).set({ locale, timeZone }).where(eq(sql`lower(${users.email})`, email));
    const inbox = async (email: string, headers: Record<string, string> = {}) =>
      (await call(notificationsRoute.GET, 'GET', '/api/v1/notifications', { as: email, headers })).json!;

    it('a notification stored once reads in Portuguese for a user whose locale is pt-BR, and in English after they switch: the same row', async () => {
      await submit(400, 'Drive');
      await choose(PERCY, 'pt-BR');
      const inPortuguese = await inbox(PERCY);
      expect(inPortuguese.items).toHaveLength(1);
      expect(inPortuguese.items[0]).toMatchObject({ kind: 'submitted', subject: 'Solicitação recebida: The League of the Scarlet Pimpernel' });
      expect(inPortuguese.items[0].body).toBe(
        'Sua solicitação para The League of the Scarlet Pimpernel foi recebida.\nAlterações: Simultâneas 150 → 400\nMotivo: Drive',
      );

      await choose(PERCY, 'en');
      const inEnglish = await inbox(PERCY);
      expect(inEnglish.items[0]).toMatchObject({ id: inPortuguese.items[0].id, subject: 'Request received: The League of the Scarlet Pimpernel' });
      expect(inEnglish.items[0].body).toBe('Your request for The League of the Scarlet Pimpernel was received.\nChanges: Concurrent 150 → 400\nReason: Drive');
      expect(await database.db.select().from(notifications)).toHaveLength(2);
    });

    it('without a saved choice the browser’s Accept-Language decides; a saved choice wins over it, as on the pages', async () => {
      await submit(400, 'Drive');
      expect((await inbox(PERCY, { 'accept-language': 'pt-BR,pt;q=0.9' })).items[0].subject).toBe('Solicitação recebida: The League of the Scarlet Pimpernel');
      expect((await inbox(PERCY)).items[0].subject).toBe('Request received: The League of the Scarlet Pimpernel');
      await choose(PERCY, 'en');
      expect((await inbox(PERCY, { 'accept-language': 'pt-BR' })).items[0].subject).toBe('Request received: The League of the Scarlet Pimpernel');
    });

    it('marking read answers the inbox in the same language', async () => {
      await submit(400, 'Drive');
      await choose(REP, 'pt-BR');
      const answer = await call(readRoute.POST, 'POST', '/api/v1/notifications/read', { as: REP, body: { ids: 'all' } });
      expect(answer.json!.items[0]).toMatchObject({ kind: 'approval_requested', read: true, subject: 'Aprovação solicitada: The League of the Scarlet Pimpernel' });
      expect(answer.json!.items[0].body).toContain(`${PERCY} pede uma alteração de portas para The League of the Scarlet Pimpernel.`);
      expect(answer.json!.items[0].body).toContain('Justificativa: Drive');
    });

    it('writes a time in the reader’s saved time zone with the named dateTime format', async () => {
      const revertAt = new Date(ctx.clock().getTime() + 20 * 60 * 60 * 1000);
      await submitRequest(
        ctx,
        await ctx.callerFor(PERCY),
        createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive', revertAt: revertAt.toISOString() }),
      );
      await revertTemporaryChanges(ctx);
      await choose(PERCY, 'pt-BR', 'America/Sao_Paulo');
      const warning = (await inbox(PERCY)).items.find((item: { kind: string }) => item.kind === 'revert_due_soon');
      expect(warning.body).toContain(`termina em ${formatterFor('pt-BR', 'America/Sao_Paulo').dateTime(revertAt, 'dateTime')};`);
      await choose(PERCY, 'en', 'Asia/Tokyo');
      const again = (await inbox(PERCY)).items.find((item: { kind: string }) => item.kind === 'revert_due_soon');
      expect(again.body).toContain(`ends at ${formatterFor('en', 'Asia/Tokyo').dateTime(revertAt, 'dateTime')};`);
    });
  });
});
