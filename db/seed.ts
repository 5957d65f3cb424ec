import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from './client';
import { DEMO_PORT_PRICE_CENTS, DEMO_TENANTS, DEMO_USERS } from './demo-data';
import { settings, tenants, users } from './schema';

/** Idempotent: a second run leaves existing rows (and any change made to them) alone. */
export async function seedDemoData(db: Executor): Promise<void> {
  // Parents first, so that the foreign key to the parent tenant holds.
  const ordered = [...DEMO_TENANTS].sort((a, b) => Number(Boolean(a.parentId)) - Number(Boolean(b.parentId)));
  await db.insert(tenants).values(ordered).onConflictDoNothing();
  for (const user of DEMO_USERS) {
    await db.insert(users).values(user).onConflictDoNothing();
  }
  // The demo prices its ports, so that the cost of every change shows; only while nobody has set a
  // price (a price saved by Network Operations records who saved it).
  await db
    .update(settings)
    .set({ portPriceCents: DEMO_PORT_PRICE_CENTS })
    .where(and(eq(settings.id, 1), isNull(settings.updatedBy), eq(settings.portPriceCents, 0)));
}
