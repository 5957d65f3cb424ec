import 'server-only';
import type { Caller } from '@/lib/auth/caller';
import { setUserPreferences } from '@/lib/data/users';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { PreferencesInput } from '@/lib/validation/preferences';

/**
 * Keeps a signed-in user's language and time zone. A zone the browser detected is saved only while
 * the user has none, so that travelling with a laptop does not undo a choice.
 */
export async function saveUserPreferences(ctx: UseCaseContext, caller: Caller, input: PreferencesInput): Promise<void> {
  const timeZone = input.detected && caller.timeZone ? undefined : input.timeZone;
  await setUserPreferences(ctx.db, caller.userId, { locale: input.locale, timeZone });
}
