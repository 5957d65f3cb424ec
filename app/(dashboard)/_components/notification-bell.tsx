'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useNotifications } from '@/lib/hooks/use-notifications';
import { LocalTime } from '@/app/_components/local-time';

/** The unread count in the header, and the latest notifications under it. */
export function NotificationBell() {
  const { items, unread, markRead } = useNotifications();
  const t = useTranslations('dashboard.notifications');
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node)) setOpen(false);
    };
    // Escape closes the panel and gives the focus back to the bell, where the reader left it.
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', closeOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('mousedown', closeOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  return (
    // Below `md` the wrapper is not positioned, so the panel spans the page's width (inset-x-4)
    // under the bell instead of hanging off the screen's left edge from a bell near it.
    <div ref={panel} className="md:relative">
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t('button', { unread })}
        className="relative rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-current">
          <path d="M10 2a5 5 0 0 0-5 5v3.6l-1.4 2.8A.75.75 0 0 0 4.3 15h11.4a.75.75 0 0 0 .7-1.1L15 10.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 1-2.4-2h4.8A2.5 2.5 0 0 1 10 18Z" />
        </svg>
        {unread > 0 ? (
          <span className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs font-semibold text-white">
            {format.number(unread)}
          </span>
        ) : null}
      </button>
      <span aria-live="polite" className="sr-only">
        {unread > 0 ? t('unread', { unread }) : ''}
      </span>
      {open ? (
        <div
          id="notification-panel"
          className="absolute inset-x-4 z-20 mt-2 rounded-lg border border-zinc-200 bg-white shadow-lg md:inset-x-auto md:right-0 md:w-96 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          <div className="flex items-center justify-between gap-4 border-b border-zinc-200 px-4 py-2 dark:border-zinc-700">
            <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('title')}</h2>
            {unread > 0 ? (
              <button type="button" onClick={() => void markRead('all')} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {t('markAllRead')}
              </button>
            ) : null}
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">{t('empty')}</p>
          ) : (
            <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800">
              {items.map((item) => (
                <li key={item.id} className={item.read ? 'bg-white dark:bg-zinc-900 dark:text-zinc-100' : 'bg-indigo-50/60 dark:bg-indigo-950/60'}>
                  <Link
                    href={item.requestId ? `/requests/${item.requestId}` : item.tenantId ? `/tenants/${encodeURIComponent(item.tenantId)}` : '/'}
                    onClick={() => {
                      setOpen(false);
                      if (!item.read) void markRead([item.id]);
                    }}
                    className="block px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800"
                  >
                    <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{item.subject}</p>
                    <p className="mt-0.5 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{item.body.split('\n')[0]}</p>
                    <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400"><LocalTime iso={item.createdAt} /></p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
