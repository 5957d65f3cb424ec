import { RestError } from './errors';
import type { FieldValue, Org, SObject } from './org';

/**
 * The SOQL the adapter issues, and a little more: SELECT fields, parent fields (Owner.Email), one
 * level of child subquery, COUNT(), WHERE with =, !=, IN and LIKE joined by AND, ORDER BY and LIMIT.
 * As in Salesforce, a long text area (CommentBody, Description) can be selected but not filtered
 * or sorted on: INVALID_FIELD.
 */
type Select = { kind: 'field'; path: string[] } | { kind: 'children'; query: Query } | { kind: 'count' };
type Condition =
  | { field: string; op: '=' | '!=' | 'IN' | 'NOT IN'; values: FieldValue[] }
  | { field: string; op: 'LIKE'; pattern: RegExp };
type Query = {
  from: string;
  select: Select[];
  where: Condition[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
};

const TOKEN = /\s*(?:('(?:\\.|[^'\\])*')|(!=|<>|[(),=])|([A-Za-z_][A-Za-z0-9_.]*)|(\d+))/y;

function tokenize(soql: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < soql.length) {
    if (/^\s*$/.test(soql.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(soql);
    if (!match) throw malformed(soql.slice(TOKEN.lastIndex, TOKEN.lastIndex + 10));
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

const malformed = (near: string) => new RestError(400, 'MALFORMED_QUERY', `unexpected token: '${near}'`);

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  private peek(): string | undefined {
    return this.tokens[this.at];
  }
  private next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new RestError(400, 'MALFORMED_QUERY', 'unexpected end of query');
    return token;
  }
  private keyword(word: string): boolean {
    if (this.peek()?.toUpperCase() !== word) return false;
    this.at += 1;
    return true;
  }
  private expect(word: string): void {
    const token = this.next();
    if (token.toUpperCase() !== word.toUpperCase()) throw malformed(token);
  }

  query(): Query {
    this.expect('SELECT');
    const select: Select[] = [];
    do {
      if (this.peek() === '(') {
        this.next();
        select.push({ kind: 'children', query: this.query() });
        this.expect(')');
      } else if (this.peek()?.toUpperCase() === 'COUNT') {
        this.next();
        this.expect('(');
        this.expect(')');
        select.push({ kind: 'count' });
      } else {
        select.push({ kind: 'field', path: this.next().split('.') });
      }
    } while (this.peek() === ',' && this.next());
    this.expect('FROM');
    const query: Query = { from: this.next(), select, where: [] };
    if (this.keyword('WHERE')) {
      do query.where.push(this.condition());
      while (this.keyword('AND'));
    }
    if (this.keyword('ORDER')) {
      this.expect('BY');
      const field = this.next();
      const descending = this.keyword('DESC');
      if (!descending) this.keyword('ASC');
      query.orderBy = { field, descending };
    }
    if (this.keyword('LIMIT')) query.limit = Number(this.next());
    return query;
  }

  private condition(): Condition {
    const field = this.next();
    let op = this.next().toUpperCase();
    if (op === 'NOT') op = `NOT ${this.next().toUpperCase()}`;
    if (op === '<>') op = '!=';
    if (op === 'IN' || op === 'NOT IN') {
      this.expect('(');
      const values: FieldValue[] = [];
      do values.push(this.literal());
      while (this.peek() === ',' && this.next());
      this.expect(')');
      return { field, op, values };
    }
    if (op === 'LIKE') {
      const token = this.next();
      if (!token.startsWith("'")) throw malformed(token);
      return { field, op, pattern: likePattern(token.slice(1, -1)) };
    }
    if (op !== '=' && op !== '!=') throw malformed(op);
    return { field, op, values: [this.literal()] };
  }

  private literal(): FieldValue {
    const token = this.next();
    if (token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^null$/i.test(token)) return null;
    if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true';
    if (/^\d+$/.test(token)) return token;
    throw malformed(token);
  }

  done(): void {
    if (this.at < this.tokens.length) throw malformed(this.tokens[this.at]!);
  }
}

/** LIKE's pattern: % any run, _ any one character, a backslash escapes; case-insensitive, as in SOQL. */
function likePattern(literal: string): RegExp {
  let source = '';
  for (let i = 0; i < literal.length; i += 1) {
    const char = literal[i]!;
    if (char === '\\' && i + 1 < literal.length) source += escapeRegExp(literal[++i]!);
    else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 'i');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function parseSoql(soql: string): Query {
  const parser = new Parser(tokenize(soql));
  const query = parser.query();
  parser.done();
  return query;
}

export type QueryResult = { totalSize: number; done: boolean; records: Record<string, unknown>[] };

/** Ids compare on their 15-character, case-sensitive form, as SOQL does for 15- and 18-character ids. */
const comparable = (value: FieldValue) => (typeof value === 'string' && /^[0-9A-Za-z]{18}$/.test(value) ? value.slice(0, 15) : value);

export class SoqlEngine {
  constructor(
    private readonly org: Org,
    private readonly apiVersion: string,
  ) {}

  /** Child rows by parent id, built once per query rather than scanned once per parent. */
  private childIndex = new Map<string, Map<FieldValue, SObject[]>>();

  run(soql: string): QueryResult {
    this.childIndex = new Map();
    const query = parseSoql(soql);
    this.validate(query.from, query);
    const records = this.filter(query.from, query);
    if (query.select.some((item) => item.kind === 'count')) return { totalSize: records.length, done: true, records: [] };
    return { totalSize: records.length, done: true, records: records.map((record) => this.project(query.from, query, record)) };
  }

  private field(object: string, name: string, use?: 'filtered' | 'sorted'): void {
    if (!this.org.isVisible(object, name)) throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'.`);
    if (use && this.org.schema[object]!.fields[name]!.filterable === false) {
      throw new RestError(400, 'INVALID_FIELD', `field '${name}' can not be ${use} in query call`);
    }
  }

  private validate(object: string, query: Query): void {
    if (!this.org.schema[object]) throw new RestError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
    for (const item of query.select) {
      if (item.kind === 'field' && item.path.length === 1) this.field(object, item.path[0]!);
      else if (item.kind === 'field') {
        const parent = this.org.schema[object]!.parents[item.path[0]!];
        if (!parent || item.path.length !== 2) throw new RestError(400, 'INVALID_FIELD', `Didn't understand relationship '${item.path[0]}' in field path.`);
        this.field(parent.object, item.path[1]!);
      } else if (item.kind === 'children') {
        const child = this.org.schema[object]!.children[item.query.from];
        if (!child) throw new RestError(400, 'INVALID_TYPE', `Didn't understand relationship '${item.query.from}' in FROM part of query call.`);
        this.validate(child.object, item.query);
      }
    }
    for (const condition of query.where) this.field(object, condition.field, 'filtered');
    if (query.orderBy) this.field(object, query.orderBy.field, 'sorted');
  }

  private filter(object: string, query: Query, rows?: SObject[]): SObject[] {
    let records = rows ?? this.candidates(object, query);
    for (const condition of query.where) {
      const { field } = condition;
      if (condition.op === 'LIKE') {
        const { pattern } = condition;
        records = records.filter((record) => typeof record[field] === 'string' && pattern.test(record[field]));
        continue;
      }
      const wanted = new Set(condition.values.map(comparable));
      const positive = condition.op === '=' || condition.op === 'IN';
      records = records.filter((record) => wanted.has(comparable(record[field] ?? null)) === positive);
    }
    if (query.orderBy) {
      const { field, descending } = query.orderBy;
      const sign = descending ? -1 : 1;
      // Stable on insertion order for equal values, as Salesforce's is on Id.
      records = records
        .map((record, index) => ({ record, index }))
        .sort((a, b) => sign * (String(a.record[field] ?? '').localeCompare(String(b.record[field] ?? '')) || a.index - b.index))
        .map(({ record }) => record);
    }
    return query.limit === undefined ? records : records.slice(0, query.limit);
  }

  /** `Id IN (...)` is answered by lookup rather than a scan, so that 10,000-case syncs stay fast. */
  private candidates(object: string, query: Query): SObject[] {
    const byId = query.where.find((condition) => condition.field === 'Id' && (condition.op === 'IN' || condition.op === '='));
    if (!byId || byId.op === 'LIKE') return [...this.org.table(object).values()];
    return byId.values.flatMap((id) => (typeof id === 'string' ? (this.org.findRecord(object, id) ?? []) : []));
  }

  private childrenOf(object: string, field: string, parentId: string): SObject[] {
    const key = `${object}.${field}`;
    let index = this.childIndex.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.org.table(object).values()) {
        const rows = index.get(row[field] ?? null) ?? [];
        rows.push(row);
        index.set(row[field] ?? null, rows);
      }
      this.childIndex.set(key, index);
    }
    return index.get(parentId) ?? [];
  }

  private attributes(object: string, id: string) {
    return { type: object, url: `/services/data/v${this.apiVersion}/sobjects/${object}/${id}` };
  }

  private project(object: string, query: Query, record: SObject): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: this.attributes(object, record.Id) };
    const schema = this.org.schema[object]!;
    for (const item of query.select) {
      if (item.kind === 'field' && item.path.length === 1) out[item.path[0]!] = record[item.path[0]!] ?? null;
      else if (item.kind === 'field') {
        const [relationship, name] = item.path as [string, string];
        const parentDef = schema.parents[relationship]!;
        const parentId = record[parentDef.field];
        const parent = typeof parentId === 'string' ? this.org.findRecord(parentDef.object, parentId) : undefined;
        if (!parent) out[relationship] = null;
        else {
          const nested = (out[relationship] as Record<string, unknown> | undefined) ?? { attributes: this.attributes(parentDef.object, parent.Id) };
          nested[name] = parent[name] ?? null;
          out[relationship] = nested;
        }
      } else if (item.kind === 'children') {
        const child = schema.children[item.query.from]!;
        const matched = this.filter(child.object, item.query, this.childrenOf(child.object, child.field, record.Id));
        out[item.query.from] =
          matched.length === 0
            ? null
            : { totalSize: matched.length, done: true, records: matched.map((row) => this.project(child.object, item.query, row)) };
      }
    }
    return out;
  }
}
