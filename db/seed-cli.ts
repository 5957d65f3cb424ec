// `npm run db:seed`: loads the demo data of SPEC §4 into the configured database (after migrating it).
import { databaseConfigFromEnv, migrateDatabase, openDatabase } from './client';
import { seedDemoData } from './seed';

const handle = await openDatabase(databaseConfigFromEnv());
try {
  await migrateDatabase(handle);
  await seedDemoData(handle.db);
  console.log(`Demo data seeded (${handle.config.kind}).`);
} finally {
  await handle.close();
}
