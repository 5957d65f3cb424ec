// `npm run db:migrate`: applies the committed migrations to the configured database.
import { databaseConfigFromEnv, migrateDatabase, openDatabase } from './client';

const handle = await openDatabase(databaseConfigFromEnv());
try {
  await migrateDatabase(handle);
  console.log(`Migrations applied (${handle.config.kind}).`);
} finally {
  await handle.close();
}
