import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(__dirname, '../../app');

/** Attributes a person reads or hears: their text must come from the catalogues. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'title', 'alt', 'label']);

// Symbols and punctuation are not words: "·", "→", "—", "(", "%" need no translation.
const HAS_WORDS = /\p{L}{2,}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return full.endsWith('.tsx') ? [full] : [];
  });
}

type Finding = { file: string; line: number; text: string };

/** User-visible string literals in a component: JSX text, `{'literal'}` children and read attributes. */
export function findLiterals(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!HAS_WORDS.test(text)) return;
    findings.push({ file: path.relative(APP, file), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.getText());
    else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent) && isStringLike(node.expression)) {
      report(node, node.expression.getText());
    } else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) report(node, value.text);
      else if (ts.isJsxExpression(value) && value.expression && isStringLike(value.expression)) report(node, value.expression.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function isStringLike(node: ts.Expression): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
}

describe('words come from the catalogues', () => {
  it('no component in app/ writes user-visible text as a literal (JSX text, aria-label, placeholder, title, alt)', () => {
    const findings = tsxFiles(APP).flatMap((file) => findLiterals(file, readFileSync(file, 'utf8')));
    expect(findings).toEqual([]);
  });

  it('the guard itself finds JSX text, literal children and read attributes, and lets symbols through', () => {
    const source = `export const A = () => (<div title="Open it" aria-label={'Close'}>Hello there{'Also this'} · → {n}<input placeholder={\`Type \${x}\`} className="px-2" /></div>);`;
    expect(findLiterals('/x.tsx', source).map((finding) => finding.text)).toEqual([
      'Open it',
      "'Close'",
      'Hello there',
      "'Also this'",
      '`Type ${x}`',
    ]);
  });
});
