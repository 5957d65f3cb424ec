import { RestError, invalidField, malformedId, notFound } from './errors';
import { IdFactory, isRecordId, to18 } from './ids';
import { type ObjectSchema, buildSchema } from './schema';

export type FieldValue = string | number | boolean | null;
export type SObject = { Id: string } & Record<string, FieldValue>;

export type OrgOptions = {
  externalIdField: string;
  /** The values of Case.Status, a restricted picklist. */
  statuses: string[];
  /** Statuses that close a case (IsClosed, ClosedDate). */
  closedStatuses: string[];
  clock: () => Date;
};

/** Salesforce's datetime format in REST answers: 2026-11-26T10:00:00.000+0000. */
export const sfDate = (date: Date) => date.toISOString().replace('Z', '+0000');

/**
 * An in-memory Salesforce org: the records, the field rules that make the API refuse a write, and
 * the humans at the desk (reps who change a case's status in the UI).
 */
export class Org {
  readonly schema: Record<string, ObjectSchema>;
  readonly orgId = to18('00D5g0000000001');
  readonly integrationUserId: string;
  private readonly tables = new Map<string, Map<string, SObject>>();
  private readonly ids = new Map<string, IdFactory>();
  private readonly byExternalId = new Map<string, string>();
  private readonly hidden = new Set<string>();
  private nextCaseNumber = 1000;
  private undo: (() => void)[] | null = null;
  /**
   * Every update that sets Case.Status, changed or not, in order: what a record-triggered flow or
   * trigger on Case reacts to (field history would only show changes), so tests can count them.
   */
  private readonly statusWrites: { caseId: string; status: FieldValue; by: string }[] = [];

  constructor(readonly options: OrgOptions) {
    this.schema = buildSchema(options.externalIdField);
    for (const object of Object.values(this.schema)) {
      this.tables.set(object.name, new Map());
      this.ids.set(object.name, new IdFactory(object.keyPrefix));
    }
    this.integrationUserId = this.userFor('sspm-integration@example.com', 'SSPM Integration').Id;
  }

  table(object: string): Map<string, SObject> {
    return this.tables.get(object)!;
  }

  /** Field-level security: the integration user cannot see this field (INVALID_FIELD on use). */
  hideField(object: string, field: string): void {
    this.hidden.add(`${object}.${field}`);
  }

  isVisible(object: string, field: string): boolean {
    return Boolean(this.schema[object]?.fields[field]) && !this.hidden.has(`${object}.${field}`);
  }

  userFor(email: string, name = email): SObject {
    const existing = [...this.table('User').values()].find((user) => user.Email === email);
    if (existing) return existing;
    const user: SObject = { Id: this.ids.get('User')!.next(), Name: name, Email: email, Username: email };
    this.table('User').set(user.Id, user);
    return user;
  }

  /** Runs writes all-or-none, as a composite request with allOrNone does. */
  atomically<T>(work: () => T): T {
    const outer = this.undo;
    const undo: (() => void)[] = [];
    this.undo = undo;
    try {
      const result = work();
      outer?.push(...undo);
      return result;
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    } finally {
      this.undo = outer;
    }
  }

  private put(object: string, record: SObject): void {
    const table = this.table(object);
    const before = table.get(record.Id);
    this.undo?.push(() => (before ? table.set(record.Id, before) : table.delete(record.Id)));
    table.set(record.Id, record);
  }

  private checkWrite(object: string, fields: Record<string, unknown>, mode: 'create' | 'update'): void {
    const schema = this.schema[object]!;
    const readOnly: string[] = [];
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'attributes') continue;
      const def = schema.fields[name];
      if (!def || !this.isVisible(object, name)) throw invalidField(name, object);
      if (!def.writable || (def.writable === 'create' && mode === 'update')) readOnly.push(name);
      else if (typeof value === 'string' && def.maxLength !== undefined && value.length > def.maxLength) {
        throw new RestError(400, 'STRING_TOO_LONG', `${name}: data value too large: ${value.slice(0, 40)}... (max length=${def.maxLength})`, [name]);
      } else if (value !== null && def.type !== 'boolean' && typeof value !== 'string') {
        throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${def.type} from ${typeof value} value ${String(value)} at [line:1, column:1]`);
      }
    }
    if (readOnly.length > 0) {
      throw new RestError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      );
    }
    if (object === 'Case' && 'Status' in fields && !this.options.statuses.includes(String(fields.Status))) {
      throw new RestError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Status: bad value for restricted picklist field: ${String(fields.Status)}`, ['Status']);
    }
  }

  private stamp(userId: string, created: boolean): Record<string, FieldValue> {
    const now = sfDate(this.options.clock());
    const modified = { LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now };
    return created ? { ...modified, CreatedDate: now, CreatedById: userId, IsDeleted: false } : modified;
  }

  private closing(status: FieldValue, record?: SObject): Record<string, FieldValue> {
    const closed = this.options.closedStatuses.includes(String(status));
    if (record && record.IsClosed === closed) return {};
    return { IsClosed: closed, ClosedDate: closed ? sfDate(this.options.clock()) : null };
  }

  createCase(fields: Record<string, FieldValue>, userId = this.integrationUserId): SObject {
    this.checkWrite('Case', fields, 'create');
    const external = this.options.externalIdField;
    const externalValue = fields[external];
    if (typeof externalValue === 'string' && this.byExternalId.has(externalValue)) {
      throw new RestError(
        400,
        'DUPLICATE_VALUE',
        `duplicate value found: ${external} duplicates value on record with id: ${this.byExternalId.get(externalValue)}`,
      );
    }
    const status = fields.Status ?? 'New';
    const record: SObject = {
      Id: this.ids.get('Case')!.next(),
      CaseNumber: String(this.nextCaseNumber++).padStart(8, '0'),
      Subject: null,
      Description: null,
      Origin: null,
      Priority: 'Medium',
      OwnerId: userId,
      [external]: null,
      ...fields,
      Status: status,
      ...this.closing(status),
      ...this.stamp(userId, true),
    };
    this.put('Case', record);
    if (typeof externalValue === 'string') {
      this.byExternalId.set(externalValue, record.Id);
      this.undo?.push(() => this.byExternalId.delete(externalValue));
    }
    return record;
  }

  /** PATCH /sobjects/Case/<external id field>/<value>: update the match, or create one. */
  upsertCase(field: string, value: string, fields: Record<string, FieldValue>, userId = this.integrationUserId) {
    if (field !== this.options.externalIdField || !this.isVisible('Case', field)) {
      throw new RestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
    }
    const id = this.byExternalId.get(value);
    if (id) return { record: this.updateCase(id, fields, userId), created: false };
    return { record: this.createCase({ ...fields, [field]: value }, userId), created: true };
  }

  updateCase(id: string, fields: Record<string, FieldValue>, userId = this.integrationUserId): SObject {
    const current = this.readRecord('Case', id);
    this.checkWrite('Case', fields, 'update');
    const external = this.options.externalIdField;
    if (external in fields && fields[external] !== current[external]) {
      throw new RestError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `The external id of a case is set once.`, [external]);
    }
    const status = fields.Status ?? current.Status ?? null;
    const record: SObject = { ...current, ...fields, ...this.closing(status, current), ...this.stamp(userId, false) };
    this.put('Case', record);
    if ('Status' in fields) {
      this.statusWrites.push({ caseId: record.Id, status: fields.Status ?? null, by: userId });
      this.undo?.push(() => this.statusWrites.pop());
    }
    return record;
  }

  createComment(fields: Record<string, FieldValue>, userId = this.integrationUserId): SObject {
    this.checkWrite('CaseComment', fields, 'create');
    const parentId = fields.ParentId;
    if (typeof parentId !== 'string' || parentId === '') {
      throw new RestError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [ParentId]', ['ParentId']);
    }
    if (!isRecordId(parentId)) throw new RestError(400, 'FIELD_INTEGRITY_EXCEPTION', `Parent ID: id value of incorrect type: ${parentId}`, ['ParentId']);
    if (!this.findRecord('Case', parentId)) {
      throw new RestError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['ParentId']);
    }
    const record: SObject = {
      Id: this.ids.get('CaseComment')!.next(),
      CommentBody: null,
      IsPublished: false,
      ...fields,
      ParentId: this.findRecord('Case', parentId)!.Id,
      ...this.stamp(userId, true),
    };
    this.put('CaseComment', record);
    return record;
  }

  /** Ids are matched case-insensitively in their 18-character form, or by their 15-character prefix. */
  findRecord(object: string, id: string): SObject | undefined {
    const table = this.table(object);
    if (id.length === 18) return table.get(id) ?? [...table.values()].find((r) => r.Id.toLowerCase() === id.toLowerCase());
    return [...table.values()].find((record) => record.Id.startsWith(id));
  }

  readRecord(object: string, id: string): SObject {
    if (!isRecordId(id)) throw malformedId(id);
    const record = this.findRecord(object, id);
    if (!record) throw notFound();
    return record;
  }

  caseByExternalId(value: string): SObject | undefined {
    const id = this.byExternalId.get(value);
    return id ? this.table('Case').get(id) : undefined;
  }

  caseByNumber(caseNumber: string): SObject | undefined {
    return [...this.table('Case').values()].find((record) => record.CaseNumber === caseNumber);
  }

  commentsOf(caseId: string): SObject[] {
    return [...this.table('CaseComment').values()].filter((comment) => comment.ParentId === caseId);
  }

  /** The updates that set this case's Status (see statusWrites), with who made them. */
  statusWritesOf(caseId: string): { status: FieldValue; by: string }[] {
    return this.statusWrites.filter((write) => write.caseId === caseId).map(({ status, by }) => ({ status, by }));
  }

  /** A rep works the case in Salesforce's own UI: sets its status and, optionally, comments. */
  decideInUi(caseId: string, status: string, by: { email: string; comment?: string }): void {
    const rep = this.userFor(by.email);
    if (by.comment) this.createComment({ ParentId: caseId, CommentBody: by.comment }, rep.Id);
    this.updateCase(caseId, { Status: status }, rep.Id);
  }
}
