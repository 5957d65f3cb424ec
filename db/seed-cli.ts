// `npm run db:seed`: loads the demo data of SPEC §4, with 30 days of its usage up to now, into the
// configured database (after migrating it). Run under the react-server condition: the usage's
// alerts are server code (package.json).
import { databaseConfigFromEnv, migrateDatabase, openDatabase } from './client';
import { seedDemoData } from './seed';

const handle = await openDatabase(databaseConfigFromEnv());
try {
  await migrateDatabase(handle);
  await seedDemoData(handle.db, { usageUntil: new Date() });
  console.log(`Demo data seeded (${handle.config.kind}).`);
} finally {
  await handle.close();
}
