// GET /api/cron/salesforce-sync — Vercel Cron, every 5 minutes (vercel.json).
// Sends the case operations still waiting in the outbox, then reads the Salesforce cases of all
// requests in review and applies the decisions reps made there (through the decide use case, with
// its rules and audit), and reports what it did as JSON. One run at a time; a run stops starting
// new work after 45 s, and what it leaves is picked up by the next one.
import { cronRoute } from '@/lib/http/cron-route';
import { runSalesforceSync } from '@/lib/jobs/salesforce-sync-job';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute(async ({ ctx }) => Response.json(await runSalesforceSync(ctx)));
