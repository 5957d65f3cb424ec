// `npm run db:migrate`: applies the committed migrations to the configured database, as its owner,
// and with SSPM_APP_DB_ROLE set grants that role (the one the app connects as) what the app needs.
import { databaseConfigFromEnv, migrateDatabase, openDatabase } from './client';
import { checkAppRoleName } from './grants';

const appRole = process.env.SSPM_APP_DB_ROLE?.trim() ? checkAppRoleName(process.env.SSPM_APP_DB_ROLE.trim()) : undefined;

const handle = await openDatabase(databaseConfigFromEnv());
try {
  await migrateDatabase(handle, { appRole });
  console.log(`Migrations applied (${handle.config.kind})${appRole ? `; ${appRole} granted the app's privileges` : ''}.`);
} finally {
  await handle.close();
}
