import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/locales';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** The language SSPM writes Salesforce cases and case comments in: the org's, one for all cases. */
const caseLocale = z
  .enum(LOCALES, { message: `SALESFORCE_CASE_LOCALE must be one of ${LOCALES.join(', ')}` })
  .default(DEFAULT_LOCALE);

const OIDC_VARIABLES = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_ID', 'AUTH_OIDC_SECRET'] as const;

/** The currency the port price is in: an ISO 4217 code this runtime can format ("USD", "BRL", "EUR"). */
const portPriceCurrency = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code), {
    message: 'PORT_PRICE_CURRENCY must be an ISO 4217 currency code, such as USD, EUR or BRL',
  })
  .default('USD');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ message: 'DATABASE_URL must be a postgres:// URL of the database server' }).optional(),
  POSTGRES_URL: z.url({ message: 'POSTGRES_URL must be the Vercel Postgres connection URL' }).optional(),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  SSPM_DEMO: booleanFlag.optional(),
  // Nobody should set this: it is the only way to run a Vercel production deployment in demo mode.
  SSPM_DEMO_ALLOW_PRODUCTION: booleanFlag.default(false),
  VERCEL_ENV: z.enum(['production', 'preview', 'development']).optional(),
  AUTH_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_ISSUER: z.url({ message: 'AUTH_OIDC_ISSUER must be the URL of the OpenID Connect issuer' }).optional(),
  AUTH_OIDC_ID: z.string().min(1).optional(),
  AUTH_OIDC_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_SCOPE: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, { message: 'AUTH_OIDC_SCOPE must include openid' })
    .default('openid email profile'),
  // Entra ID sends no email_verified claim at all; only there should this be turned on.
  AUTH_OIDC_TRUST_UNVERIFIED_EMAIL: booleanFlag.default(false),
  AUTH_GROUPS_CLAIM: z.string().min(1).default('groups'),
  AUTH_TENANT_CLAIM: z.string().min(1).default('tenant'),
  SESSION_MAX_HOURS: z.coerce
    .number({ message: 'SESSION_MAX_HOURS must be a number of hours' })
    .positive({ message: 'SESSION_MAX_HOURS must be more than 0' })
    .max(24 * 30, { message: 'SESSION_MAX_HOURS must be at most 720 (30 days)' })
    .default(8),
  CRON_SECRET: z.string().min(16, { message: 'CRON_SECRET must be at least 16 characters' }).optional(),
  AUTH_URL: z.url({ message: 'AUTH_URL must be the public URL of the app' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL of the mail server' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Self-Service Port Management <no-reply@sspm.invalid>'),
  SALESFORCE_CASE_LOCALE: caseLocale,
  PORT_PRICE_CURRENCY: portPriceCurrency,
}).superRefine((env, ctx) => {
  // Half an SSO configuration would silently hide the SSO button; say which part is missing instead.
  const set = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === OIDC_VARIABLES.length) return;
  for (const name of OIDC_VARIABLES.filter((name) => env[name] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `${name} is needed too: single sign-on takes ${OIDC_VARIABLES.join(', ')}` });
  }
});

export type Env = z.infer<typeof envSchema> & { demo: boolean };

let cached: Env | undefined;

/** Reads and checks the environment once; a bad value stops start-up with a message that names it. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(blankToUndefined(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  // Demo mode (seeded data, passwordless demo sign-in) is on by default only in development and tests.
  const demo = parsed.data.SSPM_DEMO ?? parsed.data.NODE_ENV !== 'production';
  // Previews run in demo mode; production never does by accident (the build refuses it too).
  if (demo && parsed.data.VERCEL_ENV === 'production' && !parsed.data.SSPM_DEMO_ALLOW_PRODUCTION) {
    throw new Error('Invalid environment:\n  SSPM_DEMO: demo mode is for previews; a production deployment must not offer the passwordless demo sign-in');
  }
  const env = { ...parsed.data, demo };
  if (source === process.env) cached = env;
  return env;
}

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === '' ? undefined : value]));
}

/**
 * SALESFORCE_CASE_LOCALE, read where case text is written (getEnv has checked it at start-up; a
 * script that did not start the app gets the same message).
 */
export function salesforceCaseLocale(source: NodeJS.ProcessEnv = process.env): Locale {
  const parsed = caseLocale.safeParse(source.SALESFORCE_CASE_LOCALE || undefined);
  if (!parsed.success) throw new Error(`Invalid environment:\n  SALESFORCE_CASE_LOCALE: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
