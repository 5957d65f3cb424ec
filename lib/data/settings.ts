import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { settings } from '@/db/schema';
import { DEFAULT_DAILY_THRESHOLD } from '@/lib/domain/threshold';

export type Settings = { dailyThreshold: number; portPriceCents: number };

export async function getSettings(db: Executor): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  return {
    dailyThreshold: row?.dailyThreshold ?? DEFAULT_DAILY_THRESHOLD,
    portPriceCents: row?.portPriceCents ?? 0,
  };
}

export async function lockSettings(db: Executor): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).for('update');
  return { dailyThreshold: row?.dailyThreshold ?? DEFAULT_DAILY_THRESHOLD, portPriceCents: row?.portPriceCents ?? 0 };
}

export async function saveSettings(db: Executor, values: Settings & { updatedBy: string; now: Date }): Promise<void> {
  const row = { dailyThreshold: values.dailyThreshold, portPriceCents: values.portPriceCents, updatedBy: values.updatedBy, updatedAt: values.now };
  await db.insert(settings).values({ id: 1, ...row }).onConflictDoUpdate({ target: settings.id, set: row });
}
