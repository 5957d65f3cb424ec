import { type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from './client';

/**
 * The app's tables it may only read and append to. Its triggers (0001) refuse UPDATE, DELETE and
 * TRUNCATE to everyone, but only the table's owner could switch them off: the app owns nothing.
 */
const APPEND_ONLY_TABLES = ['audit_events'] as const;

// Lower-case, unquoted-identifier style: the name is then the same quoted or not, in SQL and in a URL.
const ROLE_NAME = /^[a-z_][a-z0-9_]*$/;
// `public` in a GRANT means every role, even quoted; `none` and `pg_*` are reserved by PostgreSQL.
const RESERVED = /^(public|none|pg_.*)$/;

/** The role name of SSPM_APP_DB_ROLE, or an error that says what a valid one looks like. */
export function checkAppRoleName(name: string): string {
  if (!ROLE_NAME.test(name) || name.length > 63) {
    throw new Error(
      `SSPM_APP_DB_ROLE must be a plain PostgreSQL role name: lower-case letters, digits and _, not starting with a digit, at most 63 characters (got ${JSON.stringify(name)})`,
    );
  }
  if (RESERVED.test(name)) throw new Error(`SSPM_APP_DB_ROLE cannot be ${JSON.stringify(name)}: the name is reserved by PostgreSQL`);
  return name;
}

/**
 * Checks, before migrating, that the app's role exists and is one that grants can limit: not the
 * role that runs the migrations, not a superuser. The operator creates it; the migrator never does.
 */
export async function checkAppRole(db: Database, role: string): Promise<void> {
  checkAppRoleName(role);
  const [found] = await queryRows<{ rolsuper: boolean; is_self: boolean }>(
    db,
    sql`select rolsuper, rolname = current_user as is_self from pg_roles where rolname = ${role}`,
  );
  if (!found) {
    throw new Error(`The role ${role} (SSPM_APP_DB_ROLE) does not exist. Create it first, as a superuser (or a role with CREATEROLE): CREATE ROLE ${role} LOGIN PASSWORD '…';`);
  }
  if (found.is_self) {
    throw new Error(`SSPM_APP_DB_ROLE names ${role}, the role running the migrations: the app needs a role of its own that owns nothing`);
  }
  if (found.rolsuper) throw new Error(`The role ${role} (SSPM_APP_DB_ROLE) is a superuser: no grant can limit it`);
}

/**
 * Gives the app's role exactly what the app needs, after every migration so that the grants follow
 * new tables (default privileges would follow only the tables of the role that set them):
 * read and write on the tables, only read and append on the audit log, the sequences, and read on
 * drizzle's journal so that the app can tell that the database is migrated. No ownership, no CREATE.
 * Everything is revoked and granted again in one transaction: the app never sees a gap.
 */
export async function grantAppRole(db: Database, role: string): Promise<void> {
  await checkAppRole(db, role);
  // An owner (or a member of the owner's role) could ALTER TABLE … DISABLE TRIGGER: grants cannot help.
  const owned = await queryRows<{ name: string }>(
    db,
    sql`select n.nspname || '.' || c.relname as name
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'drizzle') and pg_has_role(${role}::name, c.relowner, 'MEMBER')
        union all
        select 'schema ' || n.nspname from pg_namespace n
         where n.nspname in ('public', 'drizzle') and pg_has_role(${role}::name, n.nspowner, 'MEMBER')
         order by 1`,
  );
  if (owned.length > 0) {
    const list = owned.map((row) => row.name).join(', ');
    throw new Error(
      `The role ${role} (SSPM_APP_DB_ROLE) owns, or may act as the owner of, ${list}. The app must own nothing: hand them to the owner first (e.g. as a superuser: REASSIGN OWNED BY ${role} TO <owner>), and do not let ${role} own the database`,
    );
  }

  const app = sql.identifier(role);
  await db.transaction(async (tx) => {
    const statements: SQL[] = [
      sql`revoke all on schema public from ${app}`,
      sql`grant usage on schema public to ${app}`,
      sql`revoke all on all tables in schema public from ${app}`,
      sql`grant select, insert, update, delete on all tables in schema public to ${app}`,
      ...APPEND_ONLY_TABLES.map((table) => sql`revoke update, delete on ${sql.identifier('public')}.${sql.identifier(table)} from ${app}`),
      // nextval needs USAGE (or UPDATE); setval, which the app never calls, would need UPDATE.
      sql`revoke all on all sequences in schema public from ${app}`,
      sql`grant usage, select on all sequences in schema public to ${app}`,
      sql`revoke all on schema drizzle from ${app}`,
      sql`grant usage on schema drizzle to ${app}`,
      sql`revoke all on all tables in schema drizzle from ${app}`,
      sql`revoke all on all sequences in schema drizzle from ${app}`,
      sql`grant select on drizzle.__drizzle_migrations to ${app}`,
    ];
    for (const statement of statements) await tx.execute(statement);
    // PostgreSQL 14 and older let PUBLIC create in schema public; revoking that is the documented secure pattern.
    const [publicCreates] = await queryRows<{ yes: boolean }>(tx, sql`select has_schema_privilege('public', 'public', 'CREATE') as yes`);
    if (publicCreates?.yes) await tx.execute(sql`revoke create on schema public from public`);
    const [creates] = await queryRows<{ yes: boolean }>(tx, sql`select has_schema_privilege(${role}::name, 'public', 'CREATE') as yes`);
    if (creates?.yes) {
      throw new Error(`The role ${role} (SSPM_APP_DB_ROLE) may still create objects in schema public (through a role it belongs to): revoke that as the schema's owner`);
    }
  });
}
