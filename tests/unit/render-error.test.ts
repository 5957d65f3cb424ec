import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findViolations } from '@/lib/domain/rules';
import { renderError, renderIssue } from '@/lib/i18n/render-error';
import { en as englishMessages } from '@/lib/i18n/messages';
import { translatorFor } from '@/lib/i18n/translate';
import { createRequestSchema } from '@/lib/validation/request';

const tenant = { monitoringGatewayEnabled: true, personalConnectionEnabled: true, limits: { concurrent: 150, outbound: 80, agentless: 20 } };
const now = new Date('2026-11-26T12:00:00Z');
const en = translatorFor('en');
const pt = translatorFor('pt-BR', 'America/Sao_Paulo');

describe('rule codes worded at the edge, per locale', () => {
  it('words limit_out_of_range with the maximum as each locale writes numbers (9,999 / 9.999)', () => {
    const [error] = findViolations({ tenant, requested: { concurrent: 10_000 }, now });
    expect(renderError(en, error!)).toBe('Concurrent ports must be a whole number from 0 to 9,999.');
    expect(renderError(pt, error!)).toBe('Portas simultâneas devem ser um número inteiro de 0 a 9.999.');
  });

  it('words exceeds_concurrent with the port type and both values', () => {
    const [error] = findViolations({ tenant, requested: { outbound: 250, concurrent: 200 }, now });
    expect(error?.code).toBe('exceeds_concurrent');
    expect(renderError(en, error!)).toBe('Outbound ports (250) may not exceed concurrent ports (200).');
    expect(renderError(pt, error!)).toBe('Portas de saída (250) não podem exceder as portas simultâneas (200).');
  });

  it('writes a decision time in the reader\'s time zone and format (already_decided)', () => {
    const error = { code: 'already_decided' as const, params: { variant: 'by', status: 'approved', decidedBy: 'rep@example', decidedAt: new Date('2026-11-26T17:05:00Z') } };
    expect(renderError(en, error)).toBe('This request was already approved by rep@example on Nov 26, 2026, 17:05.');
    expect(renderError(pt, error)).toMatch(/^Esta solicitação já foi aprovada por rep@example em 26\/11\/2026,? 14:05\.$/);
  });

  it('words every error code in both locales without a missing parameter (the catalogue has a message per code)', () => {
    const samples = { type: 'outbound', max: 9999, value: 1, concurrent: 1, when: 'submit', variant: 'range', maxDays: 90, status: 'new', event: 'cancel', what: 'tenant', action: 'decide', via: 'token', maxKb: 64, group: 'g', email: 'e', tenantId: 't', decidedBy: 'x', decidedAt: now, field: 'f', problem: 'p', count: 2, tenantIds: 'a, b', more: 0, from: '2026-11-26T00:00:00Z', to: '2026-11-25T00:00:00Z', bucket: 'hour' };
    for (const t of [en, pt]) {
      for (const code of Object.keys(englishMessages.errors)) {
        expect(renderError(t, { code: code as never, params: samples }), code).not.toMatch(/^errors\.|\{/);
      }
    }
  });

  it('words schema problems from the validation catalogue, with their bounds', () => {
    const parsed = createRequestSchema.safeParse({ tenantId: 'classics', changes: {}, reason: '' });
    const issue = parsed.error!.issues.find((candidate) => candidate.path[0] === 'reason')!;
    expect(renderIssue(en, issue)).toBe('Give a reason for the change.');
    expect(renderIssue(pt, issue)).toBe('Informe um motivo para a alteração.');
    const tooLong = z.string().max(5).safeParse('123456').error!.issues[0]!;
    expect(renderIssue(pt, tooLong)).toBe('No máximo 5 caracteres.');
  });
});
