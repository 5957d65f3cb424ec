import { describe, expect, it } from 'vitest';
import { checkAppRoleName } from '@/db/grants';

describe('checkAppRoleName (SSPM_APP_DB_ROLE)', () => {
  it('issue 8 item 4: accepts a plain lower-case role name', () => {
    for (const name of ['sspm_app', '_app', 'app2', 'a'.repeat(63)]) expect(checkAppRoleName(name)).toBe(name);
  });

  it('issue 8 item 4: refuses anything that would need quoting, so the name cannot smuggle SQL', () => {
    for (const name of ['', 'SSPM_APP', '2app', 'sspm-app', 'sspm app', 'app"; drop table audit_events; --', "app'", 'ä', 'a'.repeat(64)]) {
      expect(() => checkAppRoleName(name)).toThrow(/SSPM_APP_DB_ROLE must be a plain PostgreSQL role name/);
    }
  });

  it('issue 8 item 4: refuses the names PostgreSQL reserves, public above all (a grant to it is a grant to everyone)', () => {
    for (const name of ['public', 'none', 'pg_monitor']) {
      expect(() => checkAppRoleName(name)).toThrow(/reserved by PostgreSQL/);
    }
  });
});
