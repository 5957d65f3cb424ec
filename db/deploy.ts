// What a deployment's build does to its database before `next build` (npm run vercel-build): the
// plan (pure) and the database half; db/vercel-build.ts runs both, then the build.
import { migrateDatabase, openDatabase } from './client';
import { checkAppRoleName } from './grants';
import { withMigrationLock } from './migration-lock';
import { seedDemoData } from './seed';

export type DeploymentPlan =
  | { ok: false; errors: string[] }
  | { ok: true; migrationUrl: string; appRole?: string; seedDemo: boolean; environment: string };

const isOn = (value: string | undefined) => value === 'true' || value === '1';

/**
 * Reads the deployment's environment (Vercel's or this machine's):
 * - migrations run on the owner's direct URL: `POSTGRES_URL_NON_POOLING` (Vercel/Neon), else
 *   `DATABASE_URL_UNPOOLED` (Neon's own integration), else `DATABASE_URL`; a transaction-mode pooler
 *   cannot hold the migration lock;
 * - demo mode (seeded demo data, passwordless sign-in) is for previews: a production deployment
 *   with SSPM_DEMO on fails, unless SSPM_DEMO_ALLOW_PRODUCTION=true, which nobody should set.
 */
export function planDeployment(env: Record<string, string | undefined>): DeploymentPlan {
  const errors: string[] = [];
  const environment = env.VERCEL_ENV ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  const demo = isOn(env.SSPM_DEMO);
  if (demo && environment === 'production' && !isOn(env.SSPM_DEMO_ALLOW_PRODUCTION)) {
    errors.push(
      'SSPM_DEMO is on for a production deployment: anyone could sign in as a demo user without a password. Set SSPM_DEMO only for the Preview environment.',
    );
  }
  const migrationUrl = env.POSTGRES_URL_NON_POOLING || env.DATABASE_URL_UNPOOLED || env.DATABASE_URL;
  if (!migrationUrl) {
    errors.push(
      'No database to migrate: set POSTGRES_URL_NON_POOLING (Vercel/Neon sets it), or DATABASE_URL, to the database owner’s direct (non-pooling) URL.',
    );
  }
  const appRole = env.SSPM_APP_DB_ROLE?.trim() || undefined;
  if (errors.length > 0 || !migrationUrl) return { ok: false, errors };
  return { ok: true, migrationUrl, appRole, seedDemo: demo, environment };
}

/**
 * The database half of a deployment: migrations as the owner under the migration lock (drizzle
 * applies them in one transaction: a failure changes nothing), the app role's grants, and on
 * previews the demo data.
 */
export async function prepareDeploymentDatabase(plan: Extract<DeploymentPlan, { ok: true }>): Promise<void> {
  const appRole = plan.appRole ? checkAppRoleName(plan.appRole) : undefined;
  const handle = await openDatabase({ kind: 'pg', url: plan.migrationUrl });
  try {
    await migrateDatabase(handle, { appRole });
    if (plan.seedDemo) await withMigrationLock(handle, () => seedDemoData(handle.db));
  } finally {
    await handle.close();
  }
}
