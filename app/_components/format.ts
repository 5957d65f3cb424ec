import { AUTO_DECIDER } from '@/lib/domain/lifecycle';
import { PORT_LABELS, PORT_TYPES, type PortChanges } from '@/lib/domain/ports';

/**
 * Dates are shown in UTC: the daily threshold counts UTC days, and server and browser then render
 * the same text (no hydration mismatch).
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US');
}

/** "Concurrent 150 → 200", one entry per changed port type, in the usual order. */
export function describeChanges(changes: PortChanges): string[] {
  return PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [`${PORT_LABELS[type]} ${formatNumber(change.from)} → ${formatNumber(change.to)}`] : [];
  });
}

/** How long something has waited, in the largest sensible unit ("3 hours", "2 days"). */
export function formatAge(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

export function plural(count: number, word: string): string {
  return `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** Who did something, as a person reads it: the automatic approval is not an e-mail address. */
export function formatActor(actor: string): string {
  if (actor === AUTO_DECIDER) return 'Automatic approval';
  if (actor === 'system') return 'System';
  return actor;
}
