import type { Executor } from './client';
import { DEMO_TENANTS, DEMO_USERS } from './demo-data';
import { tenants, users } from './schema';

/** Idempotent: a second run leaves existing rows (and any change made to them) alone. */
export async function seedDemoData(db: Executor): Promise<void> {
  // Parents first, so that the foreign key to the parent tenant holds.
  const ordered = [...DEMO_TENANTS].sort((a, b) => Number(Boolean(a.parentId)) - Number(Boolean(b.parentId)));
  await db.insert(tenants).values(ordered).onConflictDoNothing();
  for (const user of DEMO_USERS) {
    await db.insert(users).values(user).onConflictDoNothing();
  }
}
