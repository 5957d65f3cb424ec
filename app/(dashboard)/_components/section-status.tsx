'use client';

import { type ReactNode, createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * A section's success notice, for actions whose own form goes away once they are done (a removed
 * mapping, a revoked token, sessions ended): the notice lives above the list, outlasts the form,
 * and takes the focus that would otherwise fall back to the page's body.
 */
export function SectionStatus({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ message: string; at: number } | null>(null);
  const message = useRef<HTMLParagraphElement>(null);
  const announce = useCallback((text: string) => setNotice({ message: text, at: Date.now() }), []);

  useEffect(() => {
    if (notice) message.current?.focus();
  }, [notice]);

  return (
    <AnnounceContext.Provider value={announce}>
      {/* Present before it speaks, so that screen readers hear what it says. */}
      <div role="status">
        {notice ? (
          <p
            key={notice.at}
            ref={message}
            tabIndex={-1}
            className="mx-5 mt-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
          >
            {notice.message}
          </p>
        ) : null}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}

/** Says `message` in the enclosing SectionStatus (nothing outside one). */
export const useAnnounce = () => useContext(AnnounceContext);
