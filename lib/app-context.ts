import 'server-only';
import { type DatabaseHandle, databaseConfigFromEnv, migrateDatabase, openDatabase } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { getEnv } from '@/lib/env';
import type { UseCaseContext } from '@/lib/requests/context';
import { LocalCaseDesk } from '@/lib/salesforce/local-case-desk';

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
  if (handle.config.kind === 'pglite' || env.demo) await migrateDatabase(handle);
  if (env.demo) await seedDemoData(handle.db);
  if (env.demo && env.NODE_ENV === 'production') {
    console.warn('\n*** SSPM_DEMO is on in a production server: demo sign-in without passwords is enabled. ***\n');
  }
  const clock = () => new Date();
  return { db: handle.db, caseDesk: new LocalCaseDesk(handle.db, clock), clock };
}
