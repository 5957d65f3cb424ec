import { describe, expect, it } from 'vitest';
import { saveUserPreferences } from '@/lib/preferences/save-preferences';
import { preferencesSchema } from '@/lib/validation/preferences';
import { PERCY, type TestContext, freshDatabaseEachTest } from '../support/use-case-context';
import { BACKENDS } from '../support/test-db';

describe.each(BACKENDS)("a user's language and time zone on %s (issue 11 item 3, 4)", (backend) => {
  let ctx: TestContext;
  freshDatabaseEachTest(backend, async (_fresh, freshCtx) => {
    ctx = freshCtx;
  });

  const save = async (input: unknown) => saveUserPreferences(ctx, await ctx.callerFor(PERCY), preferencesSchema.parse(input));

  it('keeps the chosen language and time zone on the account, where every entry point reads them', async () => {
    await save({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(await ctx.callerFor(PERCY)).toMatchObject({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    await save({ locale: 'en' });
    expect(await ctx.callerFor(PERCY)).toMatchObject({ locale: 'en', timeZone: 'America/Sao_Paulo' });
  });

  it("saves the browser's detected time zone only while the user has none: a laptop abroad does not undo a choice", async () => {
    await save({ timeZone: 'Europe/London', detected: true });
    expect((await ctx.callerFor(PERCY)).timeZone).toBe('Europe/London');
    await save({ timeZone: 'Asia/Tokyo', detected: true });
    expect((await ctx.callerFor(PERCY)).timeZone).toBe('Europe/London');
    await save({ timeZone: 'Asia/Tokyo' });
    expect((await ctx.callerFor(PERCY)).timeZone).toBe('Asia/Tokyo');
  });

  it('refuses a language SSPM does not speak and a time zone that does not exist, changing nothing', async () => {
    expect(preferencesSchema.safeParse({ locale: 'fr' }).success).toBe(false);
    expect(preferencesSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(preferencesSchema.safeParse({ locale: 'en', extra: 1 }).success).toBe(false);
    expect(await ctx.callerFor(PERCY)).toMatchObject({ locale: null, timeZone: null });
  });
});
