'use client';

import { useEffect } from 'react';
import './globals.css';

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <body className="min-h-screen">
        <title>Something went wrong · Self-Service Port Management</title>
        <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-zinc-600" role="alert">
            Self-Service Port Management could not be shown. Try again in a moment.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
