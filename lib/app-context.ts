import 'server-only';
import { after } from 'next/server';
import { type DatabaseHandle, databaseConfigFromEnv, migrateOnFirstUse, openDatabase } from '@/db/client';
import { seedDemoUsage } from '@/db/demo-usage';
import { usageFeedTokenFile } from '@/db/usage-feed-token';
import { withJobLock } from '@/lib/jobs/job-lock';
import { getEnv } from '@/lib/env';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { CaseDesk } from '@/lib/salesforce/case-desk';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';
import { salesforceConfigFromEnv } from '@/lib/salesforce/salesforce-config';

const globalForApp = globalThis as unknown as { sspmContext?: Promise<UseCaseContext> };

/**
 * One database client and case desk per process (kept on globalThis so dev reloads reuse them).
 * The embedded database, and any database in demo mode, is migrated and seeded on first use.
 */
export function getAppContext(): Promise<UseCaseContext> {
  globalForApp.sspmContext ??= createContext().catch((error) => {
    globalForApp.sspmContext = undefined;
    throw error;
  });
  return globalForApp.sspmContext;
}

async function createContext(): Promise<UseCaseContext> {
  const env = getEnv();
  const handle: DatabaseHandle = await openDatabase(databaseConfigFromEnv());
  // Demo mode seeds the demo and, on this machine (not on Vercel), the usage feed's token; then its
  // usage up to now, after (seconds of writes): the first request, a health check among them, does
  // not wait for it. One instance at a time seeds it (a lease); a seed cut short tops up next start.
  const seed = env.demo && { feedTokenFile: env.VERCEL_ENV ? undefined : usageFeedTokenFile(env.PGLITE_DIR) };
  if (handle.config.kind === 'pglite' || env.demo) await migrateOnFirstUse(handle, { seed });
  if (env.demo) {
    withJobLock(handle.db, 'demoUsageSeed', () => seedDemoUsage(handle.db, new Date())).catch((error: unknown) => {
      console.error('demo usage seed failed (the next start tops it up):', error instanceof Error ? error.message : error);
    });
  }
  if (env.demo && env.NODE_ENV === 'production') {
    console.warn('\n*** SSPM_DEMO is on in a production server: demo sign-in without passwords is enabled. ***\n');
  }
  const clock = () => new Date();
  const mail = {
    mailer: env.SMTP_URL ? await loadSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : null,
    background: runAfterAnswer,
    appUrl: env.AUTH_URL,
  };
  // SPEC §6: Salesforce when its credentials are set (a partial set stops start-up), else the local desk.
  const salesforce = salesforceConfigFromEnv();
  if (!salesforce) {
    if (env.NODE_ENV === 'production' && !env.demo) {
      console.warn('Salesforce is not configured (SALESFORCE_LOGIN_URL, _CLIENT_ID, _CLIENT_SECRET): cases stay on the local case desk.');
    }
    return { db: handle.db, caseDesk: new LocalCaseDesk(handle.db, clock), clock, ...mail };
  }
  // Loaded only when used: jsforce is large, and the local desk needs none of it.
  const { JsforceCaseDesk } = await import('@/lib/salesforce/jsforce-case-desk');
  const caseDesk: CaseDesk = new JsforceCaseDesk(salesforce);
  return { db: handle.db, caseDesk, clock, afterAnswer: runAfterAnswer, ...mail };
}

async function loadSmtpMailer(url: string, from: string) {
  const { createSmtpMailer } = await import('@/lib/notifications/smtp-mailer');
  return createSmtpMailer(url, from);
}

/**
 * Next's after() inside a request. Outside one (a script) it throws; there is no answer to hurry
 * then, so the task runs on its own: whatever it leaves unsent stays in the outbox for the sync.
 */
function runAfterAnswer(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
