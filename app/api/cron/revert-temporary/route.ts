// GET /api/cron/revert-temporary — Vercel Cron, every 5 minutes (vercel.json).
// Ends the temporary changes whose revertAt has passed: restores each request's previous limits as
// one audited change (or, if that would guess or break a rule, leaves them and flags the request),
// warns requesters a day ahead, then sends the case comments and e-mails this queued. One run at a
// time; a run stops starting new work after 45 s, and what it leaves is picked up by the next one.
import { cronRoute } from '@/lib/http/cron-route';
import { runRevertJob } from '@/lib/jobs/revert-job';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute(async ({ ctx }) => Response.json(await runRevertJob(ctx)));
