import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every export of a 'use server' file is a public endpoint (STYLE §2); find them all. */
function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return serverActionFiles(full);
    if (!/\.tsx?$/.test(entry)) return [];
    return /^\s*['"]use server['"]/.test(readFileSync(full, 'utf8')) ? [full] : [];
  });
}

/**
 * Actions that start or end a session cannot require one, nor can the language switcher of the
 * sign-in page; each checks what it can for itself.
 */
const SESSION_ACTIONS = new Set(['demoSignInAction', 'ssoSignInAction', 'signOutAction', 'savePreferencesAction']);

function exportedActions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/export\s+async\s+function\s+(\w+)/g)];
  return starts.map((match, index) => ({
    name: match[1]!,
    body: source.slice(match.index, starts[index + 1]?.index ?? source.length),
  }));
}

describe('server actions', () => {
  const files = serverActionFiles(path.resolve('app'));

  it('exist, so that this check has something to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file), file]))(
    '%s exports only async functions, each resolving the caller through runAction',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      const exported = [...source.matchAll(/^export\s+(?!async function)(\w+)/gm)].map((match) => match[0]);
      expect(exported).toEqual([]);
      for (const action of exportedActions(source)) {
        if (SESSION_ACTIONS.has(action.name)) continue;
        expect({ action: action.name, checksCaller: action.body.includes('runAction(') }).toEqual({
          action: action.name,
          checksCaller: true,
        });
      }
    },
  );
});
