import type { ActionResult } from '@/lib/actions/run-action';

/** What the automatic increase's switch answers (null before the first use). */
export type AutoIncreaseSwitchState = ActionResult<{ enabled: 'on' | 'off' }> | null;
