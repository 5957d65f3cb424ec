import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = path.join('db', 'migrations');

/**
 * Statements the previous release's code may trip over, were it still running against the migrated
 * database (Vercel's instant rollback restores the code, never the schema).
 */
const DESTRUCTIVE: [string, RegExp][] = [
  ['DROP TABLE', /\bdrop\s+table\b/i],
  ['DROP COLUMN', /\bdrop\s+column\b/i],
  ['RENAME', /\brename\b/i],
  ['ALTER COLUMN … TYPE', /\balter\s+column\s+"?\w+"?\s+(set\s+data\s+)?type\b/i],
  ['SET NOT NULL', /\bset\s+not\s+null\b/i],
  // The default may come before NOT NULL (drizzle-kit writes `DEFAULT false NOT NULL`) or after it.
  ['ADD COLUMN … NOT NULL without a default', /\badd\s+column\s+"?\w+"?\s+(?![^;]*\bdefault\b)[^;]*\bnot\s+null\b/i],
];

/** The migrations of the first release: written before any deployment existed to roll back to. */
const FIRST_RELEASE = ['0000_init.sql'];

const migrations = readdirSync(DIR).filter((name) => name.endsWith('.sql') && !FIRST_RELEASE.includes(name)).sort();

describe('migrations are additive and backward-compatible for one release (README, Rolling back)', () => {
  it('finds the committed migrations', () => {
    expect(migrations.length).toBeGreaterThan(0);
  });

  it.each(migrations)('%s drops, renames and narrows nothing, or says how the previous release copes', (name) => {
    const sql = readFileSync(path.join(DIR, name), 'utf8');
    if (/^--\s*two-release plan:/im.test(sql)) return;
    const code = sql.replace(/--[^\n]*/g, '');
    const found = DESTRUCTIVE.filter(([, pattern]) => pattern.test(code)).map(([label]) => label);
    expect(found, `${name} has ${found.join(', ')}`).toEqual([]);
  });
});
