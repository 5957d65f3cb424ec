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

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !panel.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div ref={panel} className="relative">
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t('button', { unread })}
        className="relative rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50"
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
          className="absolute right-0 z-20 mt-2 w-96 max-w-[90vw] rounded-lg border border-zinc-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2">
            <h2 className="text-sm font-semibold text-zinc-900">{t('title')}</h2>
            {unread > 0 ? (
              <button type="button" onClick={() => void markRead('all')} className="text-sm font-medium text-indigo-700 hover:underline">
                {t('markAllRead')}
              </button>
            ) : null}
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-zinc-600">{t('empty')}</p>
          ) : (
            <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto">
              {items.map((item) => (
                <li key={item.id} className={item.read ? 'bg-white' : 'bg-indigo-50/60'}>
                  <Link
                    href={item.requestId ? `/requests/${item.requestId}` : '/'}
                    onClick={() => {
                      setOpen(false);
                      if (!item.read) void markRead([item.id]);
                    }}
                    className="block px-4 py-3 hover:bg-zinc-50"
                  >
                    <p className="text-sm font-medium text-zinc-900">{item.subject}</p>
                    <p className="mt-0.5 line-clamp-2 text-sm text-zinc-600">{item.body.split('\n')[0]}</p>
                    <p className="mt-1 text-xs text-zinc-500"><LocalTime iso={item.createdAt} /></p>
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
