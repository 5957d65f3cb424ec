// GET /api/cron/usage-rollup — Vercel Cron, every 5 minutes (vercel.json).
// Rolls the usage samples that came in since the last run up into hourly and daily peaks (what the
// charts and the dashboard read beside the newest samples), then deletes minute samples older than
// 35 days and peaks older than two years, and reports what it did as JSON. One run at a time; a run
// stops starting new work after 45 s, and what it leaves is picked up by the next one.
import { cronRoute } from '@/lib/http/cron-route';
import { runUsageJob } from '@/lib/jobs/usage-job';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute(async ({ ctx }) => Response.json(await runUsageJob(ctx)));
