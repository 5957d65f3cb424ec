import type { ActionResult } from '@/lib/actions/run-action';
import type { GlobalSettingsInput, TenantThresholdInput } from '@/lib/validation/thresholds';

/** What the thresholds forms' actions answer: what was saved, for the form to say it back. */
export type GlobalSettingsState = ActionResult<GlobalSettingsInput> | null;
export type TenantThresholdState = ActionResult<TenantThresholdInput> | null;
