import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { AUTO_DECIDER, OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus, statusList } from '../lib/domain/lifecycle';
import { MAX_PORTS, PORT_TYPES, type PortChanges } from '../lib/domain/ports';
import { ALERT_LEVELS } from '../lib/domain/usage-alerts';
import { LOCALES } from '../lib/i18n/locales';
import type { StoredNotificationParams } from '../lib/notifications/params';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};


export const tenants = pgTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    parentId: text('parent_id'),
    monitoringGatewayEnabled: boolean('monitoring_gateway_enabled').notNull().default(true),
    personalConnectionEnabled: boolean('personal_connection_enabled').notNull().default(false),
    accountRepEmail: text('account_rep_email').notNull(),
    // One column per port type of lib/domain/ports.ts PORTS (a new type: an entry there, a column here).
    concurrent: integer('concurrent').notNull().default(0),
    outbound: integer('outbound').notNull().default(0),
    agentless: integer('agentless').notNull().default(0),
    // Network Operations' per-tenant override of the global daily threshold; null = use the global one.
    dailyThreshold: integer('daily_threshold'),
    // "Raise automatically when usage reaches 95 %" (issue 13): on whose behalf SSPM submits, and
    // since when; null = off. The user must still be allowed to request changes for the tenant.
    autoIncreaseUserId: uuid('auto_increase_user_id').references((): AnyPgColumn => users.id),
    autoIncreaseSince: timestamp('auto_increase_since', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
    check('tenants_auto_increase_complete', sql`(${t.autoIncreaseUserId} is null) = (${t.autoIncreaseSince} is null)`),
    index('tenants_parent_idx').on(t.parentId),
    // The API's tenant pages, by name.
    index('tenants_name_idx').on(t.name, t.id),
    ...PORT_TYPES.map((type) => check(`tenants_${type}_range`, sql`${t[type]} between 0 and ${sql.raw(String(MAX_PORTS))}`)),
    check('tenants_daily_threshold_range', sql`${t.dailyThreshold} is null or ${t.dailyThreshold} >= 0`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    homeTenantId: text('home_tenant_id').references(() => tenants.id),
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    // SPEC §3: the identity is the identity provider's (issuer, subject); the e-mail is an attribute.
    // Null until the user's first single sign-on (demo users and users created before it).
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    // The user's own choices (null: not chosen yet; the browser's language and zone apply).
    locale: text('locale'),
    timeZone: text('time_zone'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_identity_idx').on(t.oidcIssuer, t.oidcSubject),
    check('users_oidc_identity_complete', sql`(${t.oidcIssuer} is null) = (${t.oidcSubject} is null)`),
    check('users_locale_valid', sql`${t.locale} is null or ${t.locale} in (${sql.raw(LOCALES.map((locale) => `'${locale}'`).join(', '))})`),
  ],
);

export const SESSION_END_REASONS = ['signed_out', 'ended_by_rep'] as const;

/**
 * Server-side sessions: the session cookie names one of these rows, so that signing out (or a rep)
 * ends it on the server, and its absolute expiry cannot be extended by re-issuing the cookie.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', { enum: SESSION_END_REASONS }),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    check('sessions_end_complete', sql`(${t.endedAt} is null) = (${t.endReason} is null)`),
  ],
);

/**
 * Failed authentications per key (`address:<ip>` or `account:<e-mail>`), in a fixed window: the
 * rate limit of guessing lives in PostgreSQL because instances are stateless.
 */
export const authFailures = pgTable('auth_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});

/** Personal API tokens: only a SHA-256 of the secret is stored; the secret is shown once. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The first characters of the secret, so that a user can tell tokens apart in the list.
    prefix: text('prefix').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The per-request lookup of a bearer token is one indexed equality on the hash.
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId, t.createdAt),
  ],
);

export const roleMappings = pgTable('role_mappings', {
  group: text('group').primaryKey(),
  permissions: text('permissions').array().notNull(),
  updatedBy: text('updated_by'),
  ...timestamps,
});

/** One row (id = 1): the global settings Network Operations owns. */
export const settings = pgTable(
  'settings',
  {
    id: integer('id').primaryKey().default(1),
    dailyThreshold: integer('daily_threshold').notNull().default(100),
    // Monthly price of one concurrent port, in integer cents; 0 hides the cost impact.
    portPriceCents: integer('port_price_cents').notNull().default(0),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_daily_threshold_range', sql`${t.dailyThreshold} >= 0`),
    check('settings_port_price_range', sql`${t.portPriceCents} >= 0`),
  ],
);

/** A status's place in the lifecycle (new 1 … reverted 7): the requests list sorts statuses by it, through an index on it. */
export const statusRank = (status: AnyPgColumn | SQL) =>
  sql<number>`array_position(array[${sql.raw(statusList(REQUEST_STATUSES))}]::text[], ${status})`;

export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    status: text('status', { enum: REQUEST_STATUSES }).notNull(),
    changes: jsonb('changes').$type<PortChanges>().notNull(),
    // to - from of concurrent ports; what an automatic approval consumes of the daily threshold.
    concurrentDelta: integer('concurrent_delta').notNull().default(0),
    reason: text('reason').notNull(),
    justification: text('justification'),
    revertAt: timestamp('revert_at', { withTimezone: true }),
    requestedBy: text('requested_by').notNull(),
    // Separation of duties compares people, not e-mails (which may change at the identity provider).
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id),
    caseId: text('case_id'),
    caseNumber: text('case_number'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    // Set when the end of a temporary change could not restore the limits; a rep must look at it.
    revertBlockedReason: text('revert_blocked_reason'),
    revertBlockedAt: timestamp('revert_blocked_at', { withTimezone: true }),
    // Submitted by SSPM on the requester's behalf when usage reached 95 % (the tenant's opt-in).
    automatic: boolean('automatic').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    // The rule "one open request per tenant" lives here so that racing submissions cannot both win.
    uniqueIndex('change_requests_one_open_per_tenant')
      .on(t.tenantId)
      .where(sql`${t.status} in (${sql.raw(statusList(OPEN_STATUSES))})`),
    // NULLS FIRST is what `ORDER BY … DESC` means: an index sorted otherwise cannot serve the lists,
    // which then sort every row in scope for each page.
    index('change_requests_tenant_created_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('change_requests_created_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('change_requests_status_idx').on(t.status, t.createdAt),
    // The requests list's other sort orders, each ending in (created_at, id) as its keyset does, so
    // that a page walks the index instead of sorting every request in scope (100,000 rows: ~0.1 s
    // each without them). Read backwards they serve the descending orders too.
    index('change_requests_updated_idx').on(t.updatedAt, t.createdAt, t.id),
    index('change_requests_status_rank_idx').on(statusRank(t.status), t.createdAt, t.id),
    index('change_requests_case_idx').on(sql`coalesce(${t.caseNumber}, '')`, t.createdAt, t.id),
    index('change_requests_requester_idx').on(t.requestedBy, t.createdAt, t.id),
    index('change_requests_auto_approved_idx')
      .on(t.tenantId, t.decidedAt)
      .where(sql`${t.decidedBy} = ${sql.raw(`'${AUTO_DECIDER}'`)}`),
    // The temporary changes in force per tenant (the dashboard's table reads the first to end for
    // each tenant in scope): without it that read walks every request a tenant ever had.
    index('change_requests_temporary_idx')
      .on(t.tenantId, t.revertAt)
      .where(sql`${t.status} = 'approved' and ${t.revertAt} is not null`),
    // At most one automatic request per tenant per UTC day, whatever races: the database says so.
    uniqueIndex('change_requests_one_automatic_per_day')
      .on(t.tenantId, sql`((${t.createdAt} at time zone 'UTC')::date)`)
      .where(sql`${t.automatic}`),
    check(
      'change_requests_status_valid',
      sql`${t.status} in (${sql.raw(statusList(REQUEST_STATUSES))})`,
    ),
    check('change_requests_reason_present', sql`length(trim(${t.reason})) > 0`),
    check(
      'change_requests_decision_complete',
      sql`(${t.decidedBy} is null) = (${t.decidedAt} is null)`,
    ),
  ],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').references(() => changeRequests.id),
    tenantId: text('tenant_id').references(() => tenants.id),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_request_idx').on(t.requestId, t.id)],
);

export const NOTIFICATION_KINDS = [
  'submitted',
  'information_needed',
  'approval_requested',
  'approved',
  'rejected',
  'cancelled',
  'revert_due_soon',
  'reverted',
  'revert_blocked',
  // Issue 13: a tenant's usage reached 80, 95 or 100 % of a limit (no request), and a temporary
  // change about to end while usage is above the limit it returns to.
  'usage_alert',
  'revert_above_usage',
] as const;
export const EMAIL_STATES = ['skipped', 'pending', 'sent', 'failed'] as const;

/**
 * In-app notifications, each also an outbox entry for its e-mail: written in the transaction of
 * the change it tells about, e-mailed afterwards (leased like case operations), read in the app.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recipient: text('recipient').notNull(),
    requestId: uuid('request_id').references(() => changeRequests.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    // What the notification tells, as codes and facts (STYLE §16): each reader's language words it
    // when it is read or e-mailed. The case number is not here: it is read live from the request.
    params: jsonb('params').$type<StoredNotificationParams>().notNull().default({}),
    // The English text rows had before `params` (migration 0010): no longer written nor read, except
    // as the last resort of a row with neither parameters nor request. Dropped in a later release;
    // '' by default so that the previous release, rolled back to, reads a string.
    subject: text('subject').default(''),
    body: text('body').default(''),
    // One notification per (recipient, event): a job that runs twice cannot notify twice.
    dedupeKey: text('dedupe_key').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailState: text('email_state', { enum: EMAIL_STATES }).notNull().default('pending'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailNextAttemptAt: timestamp('email_next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    emailLastError: text('email_last_error'),
    emailSentAt: timestamp('email_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
    index('notifications_recipient_idx').on(t.recipient, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('notifications_unread_idx').on(t.recipient).where(sql`${t.readAt} is null`),
    index('notifications_email_due_idx').on(t.emailNextAttemptAt, t.id).where(sql`${t.emailState} = 'pending'`),
    check('notifications_email_state_valid', sql`${t.emailState} in ('skipped', 'pending', 'sent', 'failed')`),
  ],
);

export const CASE_OPERATION_KINDS = ['open', 'comment', 'close'] as const;
export const CASE_OPERATION_STATES = ['pending', 'sent', 'failed'] as const;

/**
 * The outbox of case operations: written in the same transaction as the request's change, sent to
 * the case desk afterwards, in id order per request.
 */
export const caseOperations = pgTable(
  'case_operations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => changeRequests.id),
    kind: text('kind', { enum: CASE_OPERATION_KINDS }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state', { enum: CASE_OPERATION_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_operations_pending_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.state} = 'pending'`),
    index('case_operations_request_idx').on(t.requestId, t.id),
    check('case_operations_kind_valid', sql`${t.kind} in ('open', 'comment', 'close')`),
    check('case_operations_state_valid', sql`${t.state} in ('pending', 'sent', 'failed')`),
  ],
);

/**
 * One row per scheduled job while a run holds it: a lease, not a lock on a connection, so a run
 * pins nothing its own work needs, and a holder that died or hangs loses it when it expires
 * (PostgreSQL's clock decides, not the instances').
 */
export const jobLeases = pgTable('job_leases', {
  job: text('job').primaryKey(),
  holder: uuid('holder').notNull(),
  acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const localCaseNumbers = pgSequence('local_case_number_seq', { startWith: 1000 });

/** The local case desk: stands in for Salesforce's Case object in development and tests. */
export const localCases = pgTable(
  'local_cases',
  {
    id: text('id').primaryKey(),
    caseNumber: text('case_number').notNull().unique(),
    externalId: text('external_id').notNull().unique(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull().default('New'),
    origin: text('origin').notNull(),
    comments: jsonb('comments').$type<{ body: string; at: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
);

/**
 * Usage samples (issue 13), one row per tenant and hour with one slot per minute: the peak number of
 * ports in use during the minute that ends a sample's interval. A row per sample would be ~60 bytes
 * and an index entry each (10,000 tenants × 30 days = 432 million rows); a row per hour holds the
 * same 60 samples in ~400 bytes. A slot, once filled, is never changed (a resend changes nothing).
 * Kept 35 days. `rolled` is false while the hour's peaks in usage_peaks may be behind this row.
 */
export const usageMinutes = pgTable(
  'usage_minutes',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    hourStart: timestamp('hour_start', { withTimezone: true }).notNull(),
    // smallint[60], one slot per minute of the hour, null where no sample came (MAX_PORTS fits).
    concurrent: smallint('concurrent').array().notNull(),
    outbound: smallint('outbound').array().notNull(),
    agentless: smallint('agentless').array().notNull(),
    rolled: boolean('rolled').notNull().default(false),
  },
  // Migration 0013 creates it WITH (fillfactor = 70), which drizzle cannot say: an hour's row is
  // rewritten every minute, and room on its page lets PostgreSQL update it in place (HOT).
  (t) => [
    primaryKey({ columns: [t.tenantId, t.hourStart] }),
    // The rollup's queue, and the reads' fresh tail (rows whose peaks are not rolled up yet).
    index('usage_minutes_unrolled_idx').on(t.tenantId, t.hourStart).where(sql`not ${t.rolled}`),
    // Retention deletes by age.
    index('usage_minutes_hour_idx').on(t.hourStart),
    ...PORT_TYPES.map((type) => check(`usage_minutes_${type}_slots`, sql`cardinality(${t[type]}) = 60`)),
  ],
);

export const USAGE_PEAK_BUCKETS = ['hour', 'day'] as const;
export type UsagePeakBucket = (typeof USAGE_PEAK_BUCKETS)[number];

/** Hourly and daily peaks per port type, rolled up from usage_minutes by the usage job; kept two years. */
export const usagePeaks = pgTable(
  'usage_peaks',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    bucket: text('bucket', { enum: USAGE_PEAK_BUCKETS }).notNull(),
    start: timestamp('start', { withTimezone: true }).notNull(),
    // Null: no sample of that port type in the bucket.
    concurrent: smallint('concurrent'),
    outbound: smallint('outbound'),
    agentless: smallint('agentless'),
  },
  (t) => [
    // Migration 0013 makes it a covering key, INCLUDE (concurrent, outbound, agentless), which
    // drizzle cannot say: a series is then read from the index alone (30 days hourly: 5 ms, not 22).
    primaryKey({ columns: [t.tenantId, t.bucket, t.start] }),
    index('usage_peaks_age_idx').on(t.bucket, t.start),
    check('usage_peaks_bucket_valid', sql`${t.bucket} in ('hour', 'day')`),
  ],
);

/**
 * Where each tenant's usage alert stands per port type and level: armed again only once usage has
 * dropped below the level, and notified at most once per UTC day (issue 13 §5).
 */
export const usageAlerts = pgTable(
  'usage_alerts',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    portType: text('port_type').notNull(),
    level: smallint('level').notNull(),
    // True from the sample that reached the level until one below it.
    reached: boolean('reached').notNull(),
    // The UTC day of the last notification at this level.
    notifiedOn: date('notified_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.portType, t.level] }),
    check('usage_alerts_level_valid', sql`${t.level} in (${sql.raw(ALERT_LEVELS.join(', '))})`),
    check('usage_alerts_port_type_valid', sql`${t.portType} in (${sql.raw(PORT_TYPES.map((type) => `'${type}'`).join(', '))})`),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ChangeRequestRow = typeof changeRequests.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type CaseOperationRow = typeof caseOperations.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type { RequestStatus };
