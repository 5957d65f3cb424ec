import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from './client';
import { DEMO_PORT_PRICE_CENTS, DEMO_TENANTS, DEMO_USERS } from './demo-data';
import { seedDemoUsage } from './demo-usage';
import { settings, tenants, users } from './schema';
import { ensureUsageFeedToken } from './usage-feed-token';

export type DemoSeedOptions = {
  /**
   * Also the demo's usage, 30 days up to this moment, topped up on each later seed (db/demo-usage.ts).
   * The demo's start and `npm run db:seed` ask for it; tests that do not need usage leave it out.
   */
  usageUntil?: Date;
  /** Also a working API token of the usage feed's user, its secret in this file (demo mode on this machine). */
  feedTokenFile?: string;
};

/** Idempotent: a second run leaves existing rows (and any change made to them) alone. */
export async function seedDemoData(db: Executor, options: DemoSeedOptions = {}): Promise<void> {
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
  if (options.usageUntil) await seedDemoUsage(db, options.usageUntil);
  if (options.feedTokenFile) {
    const token = await ensureUsageFeedToken(db, options.feedTokenFile, options.usageUntil ?? new Date());
    if (token === 'minted') console.log(`The usage feed's API token is in ${options.feedTokenFile} (npm run usage:feed reads it).`);
  }
}
