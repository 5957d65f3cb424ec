/** How long something has waited, in the largest sensible unit; the catalogue's `common.age` words it. */
export function ageParts(iso: string, now: Date): { unit: 'lessThanMinute' | 'minute' | 'hour' | 'day'; count: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return { unit: 'lessThanMinute', count: 0 };
  if (minutes < 60) return { unit: 'minute', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hour', count: hours };
  return { unit: 'day', count: Math.floor(hours / 24) };
}
