'use client';

import { useEffect, useState } from 'react';

/**
 * What the last action on this request did ("Request received: approved at once"), in a status region
 * that screen readers announce. The region is on the page empty and filled once mounted, since a live
 * region that arrives with its text is often not read out; and `?notice=` leaves the address, so that
 * a reload or a bookmark does not say it again.
 */
export function ActionNotice({ message, tone }: { message: string; tone: 'success' | 'neutral' }) {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has('notice')) {
      url.searchParams.delete('notice');
      // Next keeps its router in step with history.replaceState.
      window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    }
    // A timer, not a synchronous update in the effect: the empty region is in the page first.
    const timer = setTimeout(() => setShown(message), 50);
    return () => clearTimeout(timer);
  }, [message]);
  const colours = tone === 'success' ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' : 'border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100';
  return (
    <div role="status" className={shown ? `mb-6 rounded-lg border p-4 text-sm font-medium ${colours}` : undefined}>
      {shown}
    </div>
  );
}
