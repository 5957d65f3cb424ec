import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';

const ROOT = path.resolve(__dirname, '../../lib/i18n/messages');
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(name, value);
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text);
  }
  return entries;
}

function catalogue(locale: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const file of readdirSync(path.join(ROOT, locale)).filter((name) => name.endsWith('.json'))) {
    const tree = JSON.parse(readFileSync(path.join(ROOT, locale, file), 'utf8')) as Tree;
    for (const [key, text] of flatten(tree, file.replace(/\.json$/, ''))) entries.set(key, text);
  }
  return entries;
}

/** Every argument of a message with its kind (`count:plural`, `at:date`), the option keys of selects included. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        found.add(`${element.value}:text`);
        break;
      case TYPE.number:
        found.add(`${element.value}:number`);
        break;
      case TYPE.date:
      case TYPE.time:
        found.add(`${element.value}:date`);
        break;
      case TYPE.select:
        found.add(`${element.value}:select(${Object.keys(element.options).sort().join('|')})`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.plural:
        found.add(`${element.value}:plural`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${element.value}>`);
        argumentsOf(element.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

const [reference, ...others] = LOCALES;
const english = catalogue(reference);

describe('message catalogues', () => {
  it('have one file per namespace in every locale', () => {
    const files = (locale: string) => readdirSync(path.join(ROOT, locale)).sort();
    for (const locale of others) expect(files(locale), locale).toEqual(files(reference));
  });

  for (const locale of others) {
    const translated = catalogue(locale);

    it(`${locale} has exactly the keys of ${reference}: none missing, none left over`, () => {
      const missing = [...english.keys()].filter((key) => !translated.has(key));
      const extra = [...translated.keys()].filter((key) => !english.has(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} messages take the same ICU arguments (names, kinds, select options) as ${reference}`, () => {
      const differing = [...english].flatMap(([key, text]) => {
        const other = translated.get(key);
        if (other === undefined) return [];
        const expected = [...argumentsOf(parse(text))].sort();
        const actual = [...argumentsOf(parse(other))].sort();
        return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ key, expected, actual }];
      });
      expect(differing).toEqual([]);
    });

    it(`${locale} translates what it should: no message is left identical to English unless it names a product`, () => {
      const sameAsEnglish = [...english].filter(
        ([key, text]) => translated.get(key) === text && /[a-z]{3,}\s+[a-z]{3,}/i.test(text) && !UNTRANSLATED.has(key),
      );
      expect(sameAsEnglish.map(([key]) => key)).toEqual([]);
    });
  }

  it('every message parses as ICU MessageFormat', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of catalogue(locale)) expect(() => parse(text), `${locale} ${key}`).not.toThrow();
    }
  });
});

/** Messages that are the same in every language: product names and the languages' own names. */
const UNTRANSLATED = new Set([
  'common.appName',
  'common.titleTemplate',
  'common.languages.en',
  'common.languages.pt-BR',
]);
