import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '@/db/client';
import { blockedSecondsQuery } from './auth-failures';
import type { RoleMapping } from '@/lib/auth/permissions';

/** The signed-in user with what their permissions and scope are made of, read in one round trip. */
export type CallerRecord = {
  userId: string;
  email: string;
  name: string;
  homeTenantId: string | null;
  groups: string[];
  /** Saved preferences; null until the user chooses (or the identity provider says). */
  locale: string | null;
  timeZone: string | null;
  /** Only the mappings of the user's own groups. */
  mappings: RoleMapping[];
};

export type TokenCallerRecord = CallerRecord & { tokenId: string; lastUseIsStale: boolean };

/**
 * One statement per entry point: the credential (a live session, a live API token, or a plain
 * e-mail for scripts and tests), the user and the role mappings of the user's groups; the tenant
 * tree is resolved inside each scoped query. The per-request auth path costs this one round trip.
 */
function callerQuery(credential: SQL): SQL {
  return sql`
    with who as (${credential})
    select who.*,
      u.email, u.name, u.home_tenant_id, u.groups, u.locale, u.time_zone,
      coalesce((select json_agg(json_build_object('group', m."group", 'permissions', m.permissions))
                  from role_mappings m where m."group" = any(u.groups)), '[]'::json) as mappings
    from who join users u on u.id = who.user_id`;
}

type Row = Record<string, unknown>;

function toRecord(row: Row): CallerRecord {
  const mappings = typeof row.mappings === 'string' ? JSON.parse(row.mappings) : row.mappings;
  return {
    userId: String(row.user_id),
    email: String(row.email),
    name: String(row.name),
    homeTenantId: (row.home_tenant_id as string | null) ?? null,
    groups: (row.groups as string[]) ?? [],
    locale: (row.locale as string | null) ?? null,
    timeZone: (row.time_zone as string | null) ?? null,
    mappings: mappings as RoleMapping[],
  };
}

async function firstRow(db: Executor, query: SQL): Promise<Row | null> {
  const [row] = await queryRows<Row>(db, query);
  return row ?? null;
}

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** The caller of a session cookie, when its server-side session is live (not ended, not expired). */
export async function findSessionCaller(db: Executor, sessionId: string, now: Date): Promise<CallerRecord | null> {
  const row = await firstRow(
    db,
    callerQuery(sql`select s.user_id from sessions s
      where s.id = ${sessionId}::uuid and s.ended_at is null and s.expires_at > ${at(now)}`),
  );
  return row ? toRecord(row) : null;
}

/**
 * The owner of a live API token, by the digest of its secret, and in the same statement how long the
 * client is still blocked for failed authentications: a blocked client learns nothing from a guess.
 */
export async function findTokenCaller(
  db: Executor,
  tokenHash: string,
  now: Date,
  throttleKeys: readonly string[],
): Promise<{ blockedSeconds: number; caller: TokenCallerRecord | null }> {
  const caller = callerQuery(
    sql`select k.user_id, k.id as token_id,
        (k.last_used_at is null or k.last_used_at < ${at(now)} - interval '1 minute') as last_use_is_stale
      from api_tokens k
      where k.token_hash = ${tokenHash} and k.revoked_at is null and k.expires_at > ${at(now)}`,
  );
  const row = await firstRow(
    db,
    sql`select blocked.seconds as blocked_seconds, c.*
      from (${blockedSecondsQuery(throttleKeys, now)}) blocked
      left join (${caller}) c on true`,
  );
  const blockedSeconds = Number(row?.blocked_seconds ?? 0);
  if (!row || row.user_id == null) return { blockedSeconds, caller: null };
  return {
    blockedSeconds,
    caller: { ...toRecord(row), tokenId: String(row.token_id), lastUseIsStale: row.last_use_is_stale === true },
  };
}

/** By e-mail, for scripts, benchmarks and tests: no credential is checked. */
export async function findCallerByEmail(db: Executor, email: string): Promise<CallerRecord | null> {
  const row = await firstRow(db, callerQuery(sql`select id as user_id from users where lower(email) = ${email.toLowerCase()}`));
  return row ? toRecord(row) : null;
}
