import type { Locale } from '@/lib/i18n/locales';
import type { Permission } from './permissions';
import type { TenantScope } from './scope';

/** The signed-in user as every entry point sees it, resolved from the database on each request. */
export type Caller = {
  userId: string;
  email: string;
  name: string;
  homeTenantId: string | null;
  groups: readonly string[];
  permissions: ReadonlySet<Permission>;
  scope: TenantScope;
  /** The user's saved language and time zone, if they chose (or their identity provider said). */
  locale: Locale | null;
  timeZone: string | null;
};
