import { getEnv } from '@/lib/env';

/** SPEC §6: a production server running with SSPM_DEMO says so loudly on every page. */
export function DemoBanner() {
  if (!(getEnv().demo && process.env.NODE_ENV === 'production')) return null;
  return (
    <div role="alert" className="bg-red-700 px-4 py-2 text-center text-sm font-semibold text-white">
      Demo mode is on in a production server: anyone can sign in as a demo user without a password. Turn off
      SSPM_DEMO.
    </div>
  );
}
