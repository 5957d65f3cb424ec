import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as usageRoute from '@/app/api/v1/usage/route';
import { DEMO_TENANTS } from '@/db/demo-data';
import { usageMinutes, users } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens';
import { readSeries } from '@/lib/data/usage';
import { DAY_MS, MAX_SAMPLES_PER_CALL, MINUTE_MS } from '@/lib/domain/usage';
import { USAGE_MAX_BODY_BYTES } from '@/lib/validation/usage';
import { APP_ORIGIN, type ApiCall, type Json, call, installAppContext, sessionCookieFor } from '../support/api';
import { BACKENDS, type TestDatabase } from '../support/test-db';
import { PERCY, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';

/** The platform's metrics pipeline: a service user in the default usage-feed group, no home tenant. */
const FEED = 'metrics@platform.example';
const NOW = '2026-11-26T10:00:00.000Z';
const minutesAgo = (minutes: number) => new Date(Date.parse(NOW) - minutes * MINUTE_MS).toISOString();

type Sample = { tenantId: string; at: string; concurrent: unknown; outbound?: unknown; agentless?: unknown };

describe.each(BACKENDS)('POST /api/v1/usage (issue 13 §1) on %s', (backend) => {
  let database: TestDatabase;
  let ctx: TestContext;
  let feedToken: string;

  freshDatabaseEachTest(backend, async (fresh, freshCtx) => {
    database = fresh;
    ctx = freshCtx;
    installAppContext(ctx);
    await database.db.insert(users).values({ email: FEED, name: 'Metrics pipeline', groups: ['sspm-usage-feed'] });
    feedToken = await tokenOf(FEED);
  });

  async function tokenOf(email: string): Promise<string> {
    return (await createApiToken(ctx, await ctx.callerFor(email), { name: 'metrics', expiresInDays: 30 })).token;
  }

  const post = (body: unknown, options: ApiCall = {}) =>
    call(usageRoute.POST, 'POST', '/api/v1/usage', { authorization: `Bearer ${feedToken}`, body, ...options });
  const postSamples = (samples: Sample[], options: ApiCall = {}) => post({ samples }, options);

  const storedRows = async () => (await database.db.select({ n: count() }).from(usageMinutes))[0]!.n;
  const minuteSeries = (tenantId: string, from = minutesAgo(120), to = NOW) =>
    readSeries(database.db, tenantId, { from: new Date(from), to: new Date(to) }, 'minute');

  const paths = (json: Json | null) => (json!.error.issues as { path: string[] }[]).map((issue) => issue.path.join('.'));

  const league = [
    { tenantId: 'league', at: minutesAgo(2), concurrent: 120, outbound: 30 },
    { tenantId: 'league', at: minutesAgo(1), concurrent: 140, outbound: null, agentless: 5 },
    { tenantId: 'blakeney', at: minutesAgo(1), concurrent: 10 },
  ];

  describe('storing', () => {
    it('stores the samples of a usage-feed token and answers what it received and stored', async () => {
      const response = await postSamples(league);
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ received: 3, stored: 3, duplicates: 0 });
      expect(await minuteSeries('league')).toEqual([
        { start: new Date(minutesAgo(3)), concurrent: 120, outbound: 30, agentless: null },
        { start: new Date(minutesAgo(2)), concurrent: 140, outbound: null, agentless: 5 },
      ]);
      expect(await minuteSeries('blakeney')).toEqual([{ start: new Date(minutesAgo(2)), concurrent: 10, outbound: null, agentless: null }]);
    });

    it('is idempotent on (tenant, at): a resend changes nothing and answers every sample as a duplicate', async () => {
      await postSamples(league);
      const before = await minuteSeries('league');
      const resent = await postSamples(league.map((sample) => ({ ...sample, concurrent: 1 })));
      expect(resent.status).toBe(200);
      expect(resent.json).toEqual({ received: 3, stored: 0, duplicates: 3 });
      expect(await minuteSeries('league')).toEqual(before);
    });

    it('counts a second sample of the same minute within one batch as a duplicate (the first wins)', async () => {
      const at = minutesAgo(1);
      const response = await postSamples([
        { tenantId: 'league', at, concurrent: 50 },
        { tenantId: 'league', at, concurrent: 90 },
      ]);
      expect(response.json).toEqual({ received: 2, stored: 1, duplicates: 1 });
      expect((await minuteSeries('league')).map((point) => point.concurrent)).toEqual([50]);
    });

    it('counts a resent sample that brings a port type not stored before as stored, keeping what was there', async () => {
      const at = minutesAgo(1);
      await postSamples([{ tenantId: 'league', at, concurrent: 50 }]);
      const response = await postSamples([{ tenantId: 'league', at, concurrent: 70, outbound: 20 }]);
      expect(response.json).toEqual({ received: 1, stored: 1, duplicates: 0 });
      expect(await minuteSeries('league')).toEqual([{ start: new Date(minutesAgo(2)), concurrent: 50, outbound: 20, agentless: null }]);
    });

    it('accepts any interval of a minute or more: samples every 5 minutes land in the minute each interval ends in', async () => {
      // 09:00, 09:05, … 09:55: each closes the five minutes before it.
      const ends = Array.from({ length: 12 }, (_, index) => 60 - index * 5);
      const response = await postSamples(ends.map((ago, index) => ({ tenantId: 'league', at: minutesAgo(ago), concurrent: 100 + index })));
      expect(response.json).toEqual({ received: 12, stored: 12, duplicates: 0 });
      const series = await minuteSeries('league');
      expect(series.map((point) => point.start.toISOString())).toEqual(ends.map((ago) => minutesAgo(ago + 1)));
      // The sample at 09:00 closes 08:59, so it belongs to the hour of 08:00.
      const hours = await readSeries(database.db, 'league', { from: new Date(minutesAgo(120)), to: new Date(NOW) }, 'hour');
      expect(hours.map((point) => [point.start.toISOString(), point.concurrent])).toEqual([
        ['2026-11-26T08:00:00.000Z', 100],
        ['2026-11-26T09:00:00.000Z', 111],
      ]);
    });

    it('takes 10,000 samples in one call, a body far above the 64 KB of other endpoints', async () => {
      const tenantIds = DEMO_TENANTS.slice(0, 100).map((tenant) => tenant.id);
      const samples = tenantIds.flatMap((tenantId) =>
        Array.from({ length: 100 }, (_, minute) => ({ tenantId, at: minutesAgo(minute + 1), concurrent: minute, outbound: 1, agentless: null })),
      );
      expect(samples).toHaveLength(MAX_SAMPLES_PER_CALL);
      expect(JSON.stringify({ samples }).length).toBeGreaterThan(64 * 1024);
      const response = await postSamples(samples);
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ received: 10_000, stored: 10_000, duplicates: 0 });
      expect(await minuteSeries(tenantIds[99]!, minutesAgo(200))).toHaveLength(100);
    });
  });

  describe('validated as a whole: nothing of a bad batch is stored', () => {
    it('answers 400 naming the index and field of each bad sample, and stores none of the good ones', async () => {
      const response = await postSamples([
        league[0]!,
        { tenantId: 'league', at: minutesAgo(5), concurrent: -1 },
        league[1]!,
        { tenantId: 'league', at: '2026-11-26T09:00:00', concurrent: 3.5, outbound: '4' },
        { tenantId: '', at: minutesAgo(6), concurrent: 10_000 },
      ]);
      expect(response.status).toBe(400);
      expect(response.json!.error.code).toBe('invalid_input');
      expect(paths(response.json)).toEqual([
        'samples.1.concurrent',
        'samples.3.at',
        'samples.3.concurrent',
        'samples.3.outbound',
        'samples.4.tenantId',
        'samples.4.concurrent',
      ]);
      expect(response.json!.error.message).toBe('The input is not valid: samples.1.concurrent: At least 0.');
      const issues = response.json!.error.issues as { path: string[]; message: string }[];
      expect(issues.map((issue) => issue.message)).toEqual([
        'At least 0.',
        "Give the end of the sample's interval as an instant with its offset (2026-11-26T14:05:00Z).",
        'Give a whole number of ports.',
        'Enter a number.',
        'Choose a tenant.',
        'At most 9,999.',
      ]);
      expect(await storedRows()).toBe(0);
    });

    it('refuses a sample with a field it does not know (a misspelt port type is not silently dropped)', async () => {
      const response = await post({ samples: [{ ...league[0]!, inbound: 3 }] });
      expect(response.status).toBe(400);
      expect(paths(response.json)).toEqual(['samples.0']);
    });

    it.each([
      ['no samples', { samples: [] }, 'samples', 'Send at least one sample.'],
      ['samples that are not a list', { samples: { tenantId: 'league' } }, 'samples', 'Give the samples as a list.'],
      ['a body without samples', { tenantId: 'league' }, '', 'The input has fields this endpoint does not take.'],
    ])('answers 400 to %s', async (_name, body, path, message) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.json!.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: path ? [path] : [], message })]));
    });

    it('answers 400 to more than 10,000 samples with one problem, before looking at any sample', async () => {
      const samples = Array.from({ length: MAX_SAMPLES_PER_CALL + 1 }, () => ({ tenantId: 'league', at: minutesAgo(1), concurrent: -1 }));
      const response = await postSamples(samples);
      expect(response.status).toBe(400);
      expect(response.json!.error.issues).toEqual([
        { path: ['samples'], code: 'custom', message: 'Send at most 10,000 samples in one call; split larger batches.' },
      ]);
      expect(await storedRows()).toBe(0);
    });

    it('refuses samples ahead of the clock beyond 5 minutes or older than the 35 days minutes are kept, with their index', async () => {
      const response = await postSamples([
        { tenantId: 'league', at: minutesAgo(-5), concurrent: 1 },
        { tenantId: 'league', at: minutesAgo(-6), concurrent: 1 },
        { tenantId: 'league', at: minutesAgo(35 * 24 * 60 - 1), concurrent: 1 },
        { tenantId: 'league', at: new Date(Date.parse(NOW) - 35 * DAY_MS).toISOString(), concurrent: 1 },
      ]);
      expect(response.status).toBe(400);
      expect(response.json!.error.issues).toEqual([
        { path: ['samples', '1', 'at'], code: 'custom', message: "This sample is more than 5 minutes ahead of SSPM's clock; check the sender's clock." },
        {
          path: ['samples', '3', 'at'],
          code: 'custom',
          message: 'This sample is older than 35 days, as long as minute samples are kept; it cannot be stored.',
        },
      ]);
      expect(await storedRows()).toBe(0);
    });

    it('answers 404 listing each unknown tenant by the first sample that names it, and stores nothing', async () => {
      const response = await postSamples([
        league[0]!,
        { tenantId: 'atlantis', at: minutesAgo(1), concurrent: 1 },
        { tenantId: 'atlantis', at: minutesAgo(2), concurrent: 1 },
        { tenantId: 'lemuria', at: minutesAgo(1), concurrent: 1 },
      ]);
      expect(response.status).toBe(404);
      expect(response.json!.error).toEqual({
        code: 'unknown_tenants',
        message: '2 tenants do not exist: atlantis, lemuria; nothing was stored.',
        issues: [
          { path: ['samples', '1', 'tenantId'], code: 'custom', message: 'No tenant atlantis.' },
          { path: ['samples', '3', 'tenantId'], code: 'custom', message: 'No tenant lemuria.' },
        ],
      });
      expect(await storedRows()).toBe(0);
    });
  });

  describe('who may post', () => {
    it('refuses a token of a user without usage:write (403 forbidden), storing nothing', async () => {
      const response = await postSamples(league, { authorization: `Bearer ${await tokenOf(PERCY)}` });
      expect(response.status).toBe(403);
      expect(response.json!.error).toEqual({ code: 'forbidden', message: 'You do not have permission to send usage samples.' });
      expect(await storedRows()).toBe(0);
    });

    it('refuses a partner user even in the usage-feed group: it could feed usage to other partners\' tenants', async () => {
      const partner = 'feed@classics.example';
      await database.db.insert(users).values({ email: partner, name: 'Partner feed', homeTenantId: 'classics', groups: ['sspm-usage-feed'] });
      const response = await postSamples(league, { authorization: `Bearer ${await tokenOf(partner)}` });
      expect(response.status).toBe(403);
      expect(await storedRows()).toBe(0);
    });

    it('refuses the session cookie, even of the feed user and from the app\'s own origin (403 token_required)', async () => {
      for (const cookie of [await sessionCookieFor(FEED), await sessionCookieFor(PERCY)]) {
        const response = await call(usageRoute.POST, 'POST', '/api/v1/usage', { cookie, body: { samples: league } });
        expect(response.status).toBe(403);
        expect(response.json!.error.code).toBe('token_required');
      }
      expect(await storedRows()).toBe(0);
    });

    it('refuses a cookie from another site the same way: a cookie never reaches the origin check here', async () => {
      const response = await call(usageRoute.POST, 'POST', '/api/v1/usage', {
        cookie: await sessionCookieFor(FEED),
        origin: 'http://evil.localhost',
        body: { samples: league },
      });
      expect(response.status).toBe(403);
      expect(response.json!.error.code).toBe('token_required');
    });

    it('answers 401 without any credential, asking for a token', async () => {
      const response = await call(usageRoute.POST, 'POST', '/api/v1/usage', { body: { samples: league } });
      expect(response.status).toBe(401);
      expect(response.json!.error).toEqual({
        code: 'unauthenticated',
        message: 'Send a personal API token in the Authorization header (Bearer sspm_…); this endpoint takes no session.',
      });
    });
  });

  describe('body size', () => {
    const request = (headers: Record<string, string>, body: ReadableStream) =>
      new Request(new URL('/api/v1/usage', APP_ORIGIN), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${feedToken}`, ...headers },
        body,
        duplex: 'half',
      } as RequestInit);

    it('answers 413 from a Content-Length above the route\'s 2 MB, before reading the body', async () => {
      let pulled = 0;
      const body = new ReadableStream({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)));
          if (pulled > 100) controller.close();
        },
      });
      const response = await usageRoute.POST(request({ 'content-length': String(USAGE_MAX_BODY_BYTES + 1) }, body), { params: Promise.resolve({}) });
      expect(response.status).toBe(413);
      expect((await response.json()).error).toEqual({ code: 'payload_too_large', message: 'The body is larger than 2,048 KB, the most this endpoint takes.' });
      expect(pulled).toBeLessThan(3);
    });

    it('stops reading a streamed body without Content-Length once it passes 2 MB (413), and stores nothing', async () => {
      const sample = JSON.stringify(league[0]);
      let sent = 0;
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"samples":['));
        },
        pull(controller) {
          const chunk = `${sample},`.repeat(1000);
          sent += chunk.length;
          controller.enqueue(new TextEncoder().encode(chunk));
          if (sent > 10 * USAGE_MAX_BODY_BYTES) controller.close();
        },
      });
      const response = await usageRoute.POST(request({}, body), { params: Promise.resolve({}) });
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(USAGE_MAX_BODY_BYTES + 256 * 1024);
      expect(await storedRows()).toBe(0);
    });
  });

  describe('language', () => {
    it('answers in Portuguese under Accept-Language: pt-BR, codes and paths unchanged', async () => {
      const headers = { 'accept-language': 'pt-BR,pt;q=0.9' };
      const unknown = await postSamples([{ tenantId: 'atlantis', at: minutesAgo(1), concurrent: 1 }], { headers });
      expect(unknown.json!.error).toEqual({
        code: 'unknown_tenants',
        message: 'O inquilino atlantis não existe; nada foi armazenado.',
        issues: [{ path: ['samples', '0', 'tenantId'], code: 'custom', message: 'Não existe o inquilino atlantis.' }],
      });
      const late = await postSamples([{ tenantId: 'league', at: minutesAgo(-60), concurrent: 1 }], { headers });
      expect(late.json!.error.message).toBe(
        'A entrada não é válida: samples.0.at: Esta amostra está mais de 5 minutos à frente do relógio do SSPM; verifique o relógio de quem a envia.',
      );
      const stored = await postSamples(league, { headers });
      expect(stored.json).toEqual({ received: 3, stored: 3, duplicates: 0 });
    });
  });
});
