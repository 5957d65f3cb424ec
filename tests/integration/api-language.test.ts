import { describe, expect, it } from 'vitest';
import * as requestsRoute from '@/app/api/v1/requests/route';
import * as tenantsRoute from '@/app/api/v1/tenants/route';
import { createApiToken } from '@/lib/auth/api-tokens';
import { getUserByEmail, setUserPreferences } from '@/lib/data/users';
import { call, installAppContext, sessionCookieFor } from '../support/api';
import { PERCY, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS } from '../support/test-db';

describe.each(BACKENDS)('the API speaks the caller\'s language on %s (issue 11)', (backend) => {
  let ctx: TestContext;

  freshDatabaseEachTest(backend, async (_fresh, freshCtx) => {
    ctx = freshCtx;
    installAppContext(ctx);
  });

  const submit = (headers: Record<string, string>, body: unknown = { tenantId: 'league', changes: { concurrent: 10_000 }, reason: 'Drive' }) =>
    call(requestsRoute.POST, 'POST', '/api/v1/requests', { as: PERCY, body, headers });

  it('answers the same error code with a Portuguese message under Accept-Language: pt-BR, numbers written the Brazilian way', async () => {
    const english = await submit({ 'accept-language': 'en-US,en;q=0.9' });
    const portuguese = await submit({ 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.5' });
    expect(english.status).toBe(422);
    expect(portuguese.status).toBe(422);
    expect(english.json!.error).toEqual({ code: 'limit_out_of_range', message: 'Concurrent ports must be a whole number from 0 to 9,999.' });
    expect(portuguese.json!.error).toEqual({ code: 'limit_out_of_range', message: 'Portas simultâneas devem ser um número inteiro de 0 a 9.999.' });
  });

  it('words schema problems and their issues in the reader\'s language, codes and paths unchanged', async () => {
    const response = await submit({ 'accept-language': 'pt-BR' }, { tenantId: 'league', changes: {}, reason: '' });
    expect(response.status).toBe(400);
    expect(response.json!.error).toMatchObject({
      code: 'invalid_input',
      message: 'A entrada não é válida: reason: Informe um motivo para a alteração.',
      issues: [{ path: ['reason'], code: 'too_small', message: 'Informe um motivo para a alteração.' }],
    });
  });

  it('answers in English when the header names no language SSPM speaks and the caller chose none', async () => {
    const response = await submit({ 'accept-language': 'fr-FR' });
    expect(response.json!.error.message).toBe('Concurrent ports must be a whole number from 0 to 9,999.');
  });

  it("follows the token owner's saved language when the request has no Accept-Language", async () => {
    const { token } = await createApiToken(ctx, await ctx.callerFor(PERCY), { name: 'script', expiresInDays: 1 });
    await setUserPreferences(ctx.db, (await getUserByEmail(ctx.db, PERCY))!.id, { locale: 'pt-BR' });
    const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
      authorization: `Bearer ${token}`,
      body: { tenantId: 'league', changes: { concurrent: 10_000 }, reason: 'Drive' },
    });
    expect(response.json!.error).toEqual({ code: 'limit_out_of_range', message: 'Portas simultâneas devem ser um número inteiro de 0 a 9.999.' });
    const withHeader = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants?limit=0', {
      authorization: `Bearer ${token}`,
      headers: { 'accept-language': 'en' },
    });
    expect(withHeader.json!.error.message).toMatch(/^The input is not valid: limit: /);
  });

  it("answers the app's own pages (session cookie) in the user's saved language over the browser's header, as the pages speak", async () => {
    await setUserPreferences(ctx.db, (await getUserByEmail(ctx.db, PERCY))!.id, { locale: 'pt-BR' });
    const response = await submit({ 'accept-language': 'en-US,en;q=0.9' });
    expect(response.json!.error.message).toBe('Portas simultâneas devem ser um número inteiro de 0 a 9.999.');
  });

  it('answers a signed-in user who saved no language in the one chosen on the sign-in page (cookie), as the pages do', async () => {
    const response = await call(requestsRoute.POST, 'POST', '/api/v1/requests', {
      cookie: `${await sessionCookieFor(PERCY)}; sspm-locale=pt-BR`,
      body: { tenantId: 'league', changes: { concurrent: 10_000 }, reason: 'Drive' },
      headers: { 'accept-language': 'en' },
    });
    expect(response.json!.error.message).toBe('Portas simultâneas devem ser um número inteiro de 0 a 9.999.');
  });

  it('refuses an unauthenticated call in the language of its header (401 unauthenticated)', async () => {
    const response = await call(tenantsRoute.GET, 'GET', '/api/v1/tenants', { headers: { 'accept-language': 'pt-BR' } });
    expect(response.status).toBe(401);
    expect(response.json!.error).toEqual({
      code: 'unauthenticated',
      message: 'Entre, ou envie um token de API pessoal no cabeçalho Authorization (Bearer sspm_…).',
    });
  });
});
