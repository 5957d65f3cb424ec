import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localCases } from '@/db/schema';
import { getEnv, salesforceCaseLocale } from '@/lib/env';
import { addInformation } from '@/lib/requests/add-information';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { caseComment, caseOpening } from '@/lib/requests/case-text';
import { decideRequest } from '@/lib/requests/decide-request';
import { submitRequest } from '@/lib/requests/submit-request';
import { createRequestSchema } from '@/lib/validation/request';
import { PERCY, REP, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS, type TestDatabase } from '../support/test-db';

const opening = {
  tenant: { id: 'league', name: 'The League' },
  changes: { concurrent: { from: 150, to: 1200 }, outbound: { from: 80, to: 120 } },
  requestedBy: 'percy@classics.example',
  reason: 'Membership drive',
  justification: 'Peak of 240 calls',
  revertAt: new Date('2026-12-01T02:30:00.000Z'),
};

describe('Salesforce case text is written in SALESFORCE_CASE_LOCALE (the org’s language), times in UTC', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is English by default', () => {
    vi.stubEnv('SALESFORCE_CASE_LOCALE', '');
    expect(salesforceCaseLocale()).toBe('en');
    expect(caseOpening(opening)).toEqual({
      subject: 'Port change for The League: Concurrent ports: 150 → 1,200; Outbound ports: 80 → 120',
      description: [
        'Tenant: The League (league)',
        'Changes: Concurrent ports: 150 → 1,200; Outbound ports: 80 → 120',
        'Requested by: percy@classics.example',
        'Reason: Membership drive',
        'Justification: Peak of 240 calls',
        'Temporary until: Dec 1, 2026, 02:30 UTC',
      ].join('\n'),
    });
  });

  it('is Brazilian Portuguese with SALESFORCE_CASE_LOCALE=pt-BR, the time still in UTC', () => {
    vi.stubEnv('SALESFORCE_CASE_LOCALE', 'pt-BR');
    const { subject, description } = caseOpening(opening);
    expect(subject).toBe('Alteração de portas de The League: Portas simultâneas: 150 → 1.200; Portas de saída: 80 → 120');
    expect(description).toContain('Inquilino: The League (league)');
    expect(description).toContain('Solicitado por: percy@classics.example');
    expect(description).toMatch(/Temporária até: 01\/12\/2026,? 02:30 UTC/);
    expect(caseComment.withdrawn('percy@classics.example')).toBe('Cancelada por percy@classics.example.');
    expect(caseComment.revertBlocked({ code: 'ports_moved', types: ['concurrent'] })).toBe(
      'A alteração temporária terminou, mas não foi revertida: Portas simultâneas mudaram de novo depois desta alteração temporária, então os limites anteriores não foram restaurados.',
    );
  });

  it('refuses a language SSPM does not speak, naming the variable, at start-up and where case text is written', () => {
    expect(() => getEnv({ NODE_ENV: 'test', SALESFORCE_CASE_LOCALE: 'fr' })).toThrow(/SALESFORCE_CASE_LOCALE must be one of en, pt-BR/);
    expect(getEnv({ NODE_ENV: 'test', SALESFORCE_CASE_LOCALE: 'pt-BR' }).SALESFORCE_CASE_LOCALE).toBe('pt-BR');
    expect(getEnv({ NODE_ENV: 'test' }).SALESFORCE_CASE_LOCALE).toBe('en');
    vi.stubEnv('SALESFORCE_CASE_LOCALE', 'fr');
    expect(() => caseComment.withdrawn('percy@classics.example')).toThrow(/SALESFORCE_CASE_LOCALE/);
  });
});

describe.each(BACKENDS)('the cases and comments the use cases write follow SALESFORCE_CASE_LOCALE on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const submit = async (concurrent: number, justification?: string) =>
    submitRequest(ctx, await ctx.callerFor(PERCY), createRequestSchema.parse({ tenantId: 'league', changes: { concurrent }, reason: 'Drive', justification }));
  const caseOf = async (caseNumber: string | null) => (await database.db.select().from(localCases).where(eq(localCases.caseNumber, caseNumber!)))[0]!;
  const comments = async (caseNumber: string | null) => (await caseOf(caseNumber)).comments.map((comment) => comment.body.replace(/\n\[SSPM #\d+\]$/, ''));

  it('writes the case, the requester’s answer and the rep’s decision in Portuguese under pt-BR', async () => {
    vi.stubEnv('SALESFORCE_CASE_LOCALE', 'pt-BR');
    const request = await submit(260);
    await addInformation(ctx, await ctx.callerFor(PERCY), request.id, { justification: 'Pico de 240' });
    await decideRequest(ctx, await ctx.callerFor(REP), request.id, { decision: 'reject', comment: 'Agora não' });
    const kase = await caseOf(request.caseNumber);
    expect(kase.subject).toBe('Alteração de portas de The League of the Scarlet Pimpernel: Portas simultâneas: 150 → 260');
    expect(kase.description).toContain('Motivo: Drive');
    expect(await comments(request.caseNumber)).toEqual([
      `Mais informações de ${PERCY}: Pico de 240`,
      `Rejeitada por ${REP} (Portas simultâneas: 150 → 260): Agora não`,
    ]);
  });

  it('writes them in English by default, and an automatic approval and a withdrawal too', async () => {
    const approved = await submit(200);
    expect(await comments(approved.caseNumber)).toEqual(['Approved automatically within the daily threshold (Concurrent ports: 150 → 200).']);
    const withdrawn = await submit(300, 'Drive');
    await cancelRequest(ctx, await ctx.callerFor(PERCY), withdrawn.id);
    expect((await caseOf(withdrawn.caseNumber)).subject).toBe('Port change for The League of the Scarlet Pimpernel: Concurrent ports: 200 → 300');
    expect(await comments(withdrawn.caseNumber)).toEqual([`Withdrawn by ${PERCY}.`]);
  });
});
