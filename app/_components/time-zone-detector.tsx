'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { savePreferencesAction } from './preferences-actions';

/**
 * On a first visit the server does not know the reader's time zone: the browser does. Sent once,
 * then the page renders again with times in that zone.
 */
export function TimeZoneDetector() {
  const router = useRouter();
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!timeZone) return;
    void savePreferencesAction({ timeZone, detected: true }).then(({ ok }) => {
      if (ok) router.refresh();
    });
  }, [router]);
  return null;
}
