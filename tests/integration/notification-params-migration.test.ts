import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type DatabaseHandle, MIGRATIONS_DIR, migrateDatabase, openDatabase } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import type { Locale } from '@/lib/i18n/locales';
import { getInbox } from '@/lib/notifications/inbox';
import type { UseCaseContext } from '@/lib/use-case-context';
import { BACKENDS, POSTGRES_URL, type Backend } from '../support/test-db';

const MIGRATION = '0010_notification_params';

type Journal = { entries: { idx: number; tag: string }[] };

/** The committed migrations before 0010, as a folder of their own: the database as the previous release left it. */
function migrationsBefore(tag: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'sspm-migrations-'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal;
  const stop = journal.entries.find((entry) => entry.tag === tag);
  if (!stop) throw new Error(`no migration ${tag} in the journal`);
  const entries = journal.entries.filter((entry) => entry.idx < stop.idx);
  mkdirSync(path.join(folder, 'meta'));
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) copyFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

async function openEmpty(backend: Backend): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    return { handle, dispose: () => handle.close() };
  }
  const name = `sspm_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'pg', url: url.toString() });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function migrateWith(handle: DatabaseHandle, migrationsFolder: string): Promise<void> {
  if (handle.config.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}

const REJECTED = '6f1c2a1e-0000-4000-8000-000000000001';
const BLOCKED = '6f1c2a1e-0000-4000-8000-000000000002';
const PERCY = 'percy@classics.example';

describe.each(BACKENDS)(`migration ${MIGRATION} on %s`, (backend) => {
  it('fills the parameters of notifications written the old way (English subject and body, no params), which then read in each reader’s language', async () => {
    const { handle, dispose } = await openEmpty(backend);
    const previous = migrationsBefore(MIGRATION);
    try {
      await migrateWith(handle, previous.folder);
      // Rows as the previous release wrote them, in its own columns.
      for (const statement of [
        sql`insert into tenants (id, name, account_rep_email, personal_connection_enabled, concurrent, outbound, agentless)
            values ('league', 'The League', 'rep@ops.example', true, 150, 80, 40)`,
        sql`insert into change_requests (id, tenant_id, status, changes, reason, requested_by, decided_by, decided_at, decision_comment, case_number)
            values (${REJECTED}, 'league', 'rejected', '{"concurrent":{"from":150,"to":260}}', 'Drive', ${PERCY}, 'rep@ops.example', '2026-11-26T10:00:00Z', 'Not this week', '00001042')`,
        sql`insert into change_requests (id, tenant_id, status, changes, reason, requested_by, decided_by, decided_at, revert_at, revert_blocked_reason, revert_blocked_at)
            values (${BLOCKED}, 'league', 'approved', '{"concurrent":{"from":150,"to":200}}', 'Drive', ${PERCY}, 'auto', '2026-11-25T10:00:00Z',
                    '2026-12-01T00:00:00Z', '{"code":"ports_moved","types":["concurrent"]}', '2026-12-01T00:05:00Z')`,
        sql`insert into notifications (recipient, request_id, kind, subject, body, dedupe_key, created_at) values
            (${PERCY}, ${REJECTED}, 'rejected', 'Request rejected: The League', 'Your request for The League was rejected by rep@ops.example.', 'a', '2026-11-26T10:00:00Z'),
            (${PERCY}, ${BLOCKED}, 'revert_blocked', 'Temporary change could not be reverted: The League', 'The temporary change…', 'b', '2026-11-26T11:00:00Z'),
            (${PERCY}, null, 'cancelled', 'Request cancelled: Elsewhere', 'The request for Elsewhere was withdrawn by its requester.', 'c', '2026-11-26T09:00:00Z')`,
      ]) {
        await handle.db.execute(statement);
      }

      await migrateDatabase(handle);

      const rows = await handle.db.select().from(notifications).orderBy(notifications.id);
      expect(rows.map((row) => row.params)).toEqual([
        {
          tenantName: 'The League',
          changes: { concurrent: { from: 150, to: 260 } },
          requestedBy: PERCY,
          reason: 'Drive',
          justification: null,
          decidedBy: 'rep@ops.example',
          decisionComment: 'Not this week',
          revertAt: null,
          revertBlockedReason: null,
        },
        expect.objectContaining({ revertAt: '2026-12-01T00:00:00.000Z', revertBlockedReason: { code: 'ports_moved', types: ['concurrent'] } }),
        {},
      ]);
      // What is read from now on is the stored snapshot, not the request as it changes later.
      await handle.db.execute(sql`update change_requests set decision_comment = 'Edited afterwards' where id = ${REJECTED}`);

      const ctx = { db: handle.db } as UseCaseContext;
      const read = async (locale: Locale) =>
        (await getInbox(ctx, { email: PERCY, locale, timeZone: null } as Caller)).items.map(({ kind, subject, body }) => ({ kind, subject, body }));

      const inPortuguese = await read('pt-BR');
      expect(inPortuguese.map(({ subject }) => subject)).toEqual([
        'Não foi possível reverter a alteração temporária: The League',
        'Solicitação rejeitada: The League',
        // No parameters and no request to take them from: the words it was stored with are all there is.
        'Request cancelled: Elsewhere',
      ]);
      expect(inPortuguese[1]!.body).toContain('Motivo da rejeição: Not this week');
      expect(inPortuguese[0]!.body).toContain('Portas simultâneas mudaram de novo depois desta alteração temporária');

      // The previous release, still running (or rolled back to), writes rows without params: they read from their request.
      await handle.db.execute(sql`insert into notifications (recipient, request_id, kind, subject, body, dedupe_key, created_at)
        values (${PERCY}, ${REJECTED}, 'submitted', 'Request received: The League', 'Your request…', 'd', '2026-11-26T12:00:00Z')`);
      expect((await read('pt-BR'))[0]).toMatchObject({ kind: 'submitted', subject: 'Solicitação recebida: The League' });
      await handle.db.execute(sql`delete from notifications where dedupe_key = 'd'`);

      const inEnglish = await read('en');
      expect(inEnglish[1]).toEqual({
        kind: 'rejected',
        subject: 'Request rejected: The League',
        body: 'Your request for The League was rejected by rep@ops.example.\nReason given: Not this week\nChanges: Concurrent 150 → 260\nReason: Drive',
      });
    } finally {
      previous.remove();
      await dispose();
    }
  });
});
