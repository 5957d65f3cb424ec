import { RestError, notFound } from './errors';
import type { FieldValue, Org, SObject } from './org';
import { SoqlEngine } from './soql';

export type RestAnswer = { status: number; body: unknown; headers?: Record<string, string> };
export type RestCall = { method: string; path: string; query: URLSearchParams; body: unknown };

const WRITABLE_OBJECTS = ['Case', 'CaseComment'];
const MAX_SUBREQUESTS = 25;
const QUERY_BATCH = 2_000;
const PROCESSING_HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

/** The endpoint a call is counted under: ids and values replaced by placeholders. */
export function endpointOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'sobjects' && parts.length === 3) return `${method} /sobjects/${parts[1]}/{id}`;
  if (parts[0] === 'sobjects' && parts.length === 4) return `${method} /sobjects/${parts[1]}/{field}/{value}`;
  if (parts[0] === 'query' && parts.length === 2) return `${method} /query/{locator}`;
  return `${method} /${parts.join('/')}`;
}

/** Salesforce's REST data API (everything under /services/data/vXX.X), minus transport and auth. */
export class RestApi {
  private readonly soql: SoqlEngine;
  private readonly cursors = new Map<string, { totalSize: number; records: Record<string, unknown>[] }>();
  private locators = 0;

  constructor(
    private readonly org: Org,
    private readonly apiVersion: string,
  ) {
    this.soql = new SoqlEngine(org, apiVersion);
  }

  handle(call: RestCall): RestAnswer {
    const parts = call.path.split('/').filter(Boolean).map(decodeURIComponent);
    const [resource, object, idOrField, value] = parts;
    if ((resource === 'query' || resource === 'queryAll') && call.method === 'GET') {
      return parts.length === 1 ? this.query(call.query) : this.queryMore(parts[1]!);
    }
    if (resource === 'composite' && parts.length === 1 && call.method === 'POST') return this.composite(call.body);
    if (resource !== 'sobjects' || !object) throw notFound();
    if (!this.org.schema[object]) throw new RestError(404, 'NOT_FOUND', `The requested resource does not exist`);
    if (parts.length === 2) {
      if (call.method !== 'POST') throw methodNotAllowed(call.method, 'GET,HEAD,POST');
      return this.create(object, call.body);
    }
    if (parts.length === 3) {
      if (call.method === 'GET') return { status: 200, body: this.read(object, this.org.readRecord(object, idOrField!), call.query) };
      if (call.method === 'PATCH' && object === 'Case') {
        this.org.updateCase(this.org.readRecord('Case', idOrField!).Id, fields(call.body));
        return { status: 204, body: null };
      }
      throw methodNotAllowed(call.method, 'GET,HEAD,PATCH,DELETE');
    }
    if (parts.length === 4 && object === 'Case') {
      if (call.method === 'PATCH') {
        const { record, created } = this.org.upsertCase(idOrField!, value!, fields(call.body));
        return {
          status: created ? 201 : 200,
          body: { id: record.Id, success: true, errors: [], created },
          headers: created ? { Location: this.url('Case', record.Id) } : {},
        };
      }
      if (call.method === 'GET') {
        if (idOrField !== this.org.options.externalIdField) throw notFound();
        const record = this.org.caseByExternalId(value!);
        if (!record) throw notFound();
        return { status: 200, body: this.read('Case', record, call.query) };
      }
      throw methodNotAllowed(call.method, 'GET,HEAD,PATCH,DELETE');
    }
    throw notFound();
  }

  private url(object: string, id: string): string {
    return `/services/data/v${this.apiVersion}/sobjects/${object}/${id}`;
  }

  private create(object: string, body: unknown): RestAnswer {
    if (!WRITABLE_OBJECTS.includes(object)) throw new RestError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
    const record = object === 'Case' ? this.org.createCase(fields(body)) : this.org.createComment(fields(body));
    return { status: 201, body: { id: record.Id, success: true, errors: [] }, headers: { Location: this.url(object, record.Id) } };
  }

  private read(object: string, record: SObject, query: URLSearchParams): Record<string, unknown> {
    const wanted = query.get('fields')?.split(',').map((name) => name.trim()).filter(Boolean);
    const names = wanted ?? Object.keys(this.org.schema[object]!.fields).filter((name) => this.org.isVisible(object, name));
    const out: Record<string, unknown> = { attributes: { type: object, url: this.url(object, record.Id) } };
    for (const name of names) {
      if (!this.org.isVisible(object, name)) throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'.`);
      out[name] = record[name] ?? null;
    }
    return out;
  }

  private query(params: URLSearchParams): RestAnswer {
    const soql = params.get('q');
    if (!soql) throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = this.soql.run(soql);
    return { status: 200, body: this.page(result.totalSize, result.records) };
  }

  /** Salesforce answers at most 2,000 records at once; the rest behind nextRecordsUrl. */
  private page(totalSize: number, records: Record<string, unknown>[]): Record<string, unknown> {
    if (records.length <= QUERY_BATCH) return { totalSize, done: true, records };
    const locator = `01g5g00000${String(++this.locators).padStart(5, '0')}-${QUERY_BATCH}`;
    this.cursors.set(locator, { totalSize, records: records.slice(QUERY_BATCH) });
    return {
      totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${this.apiVersion}/query/${locator}`,
      records: records.slice(0, QUERY_BATCH),
    };
  }

  private queryMore(locator: string): RestAnswer {
    const cursor = this.cursors.get(locator);
    if (!cursor) throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    this.cursors.delete(locator);
    return { status: 200, body: this.page(cursor.totalSize, cursor.records) };
  }

  /**
   * POST /composite: up to 25 subrequests in one call (one call against the API limit), later ones
   * referring to earlier results with @{referenceId.field}; allOrNone rolls all of them back.
   */
  private composite(body: unknown): RestAnswer {
    const { allOrNone = false, compositeRequest } = (body ?? {}) as { allOrNone?: boolean; compositeRequest?: unknown };
    if (!Array.isArray(compositeRequest) || compositeRequest.length === 0 || compositeRequest.length > MAX_SUBREQUESTS) {
      throw new RestError(400, 'INVALID_BATCH_REQUEST', `compositeRequest must hold 1 to ${MAX_SUBREQUESTS} subrequests.`);
    }
    const results = new Map<string, unknown>();
    const responses: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[] = [];
    const halted = (referenceId: string) => ({
      body: [{ errorCode: 'PROCESSING_HALTED', message: PROCESSING_HALTED }],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId,
    });
    const ROLLBACK = Symbol('rollback');
    let failed = false;
    const runAll = () => {
      for (const raw of compositeRequest as { method: string; url: string; referenceId: string; body?: unknown }[]) {
        try {
          const url = new URL(resolveReferences(raw.url, results) as string, 'http://composite');
          const match = /^\/services\/data\/v(\d+\.\d)(\/.*)$/.exec(url.pathname);
          if (!match) throw notFound();
          const answer = this.handle({ method: raw.method, path: match[2]!, query: url.searchParams, body: resolveReferences(raw.body, results) });
          results.set(raw.referenceId, answer.body);
          responses.push({ body: answer.body, httpHeaders: answer.headers ?? {}, httpStatusCode: answer.status, referenceId: raw.referenceId });
        } catch (error) {
          if (!(error instanceof RestError)) throw error;
          failed = true;
          responses.push({ body: error.body(), httpHeaders: {}, httpStatusCode: error.status, referenceId: raw.referenceId });
          if (allOrNone) throw ROLLBACK;
        }
      }
    };
    try {
      if (allOrNone) this.org.atomically(runAll);
      else runAll();
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    if (failed && allOrNone) {
      const all = compositeRequest as { referenceId: string }[];
      return {
        status: 200,
        body: {
          compositeResponse: all.map((sub, index) =>
            responses[index] && responses[index].httpStatusCode >= 400 ? responses[index] : halted(sub.referenceId),
          ),
        },
      };
    }
    return { status: 200, body: { compositeResponse: responses } };
  }
}

function fields(body: unknown): Record<string, FieldValue> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new RestError(400, 'JSON_PARSER_ERROR', 'Unexpected parameter encountered during deserialization');
  }
  return body as Record<string, FieldValue>;
}

function methodNotAllowed(method: string, allowed: string): RestError {
  return new RestError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}

/** Replaces @{ref.path} in strings (URLs and body values) by the referenced subrequest's answer. */
function resolveReferences(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    return value.replace(/@\{([^.}]+)\.([^}]+)\}/g, (expression, ref: string, path: string) => {
      let current: unknown = results.get(ref);
      for (const key of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[key];
      if (current === undefined || current === null) {
        throw new RestError(400, 'PROCESSING_HALTED', `Invalid reference specified. No value for ${expression} found in ${ref}.`);
      }
      return String(current);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, results)]));
  }
  return value;
}
