/** The slice of Salesforce's data model the emulator holds: Case, CaseComment and User. */
export type FieldType = 'id' | 'string' | 'textarea' | 'picklist' | 'boolean' | 'datetime' | 'reference' | 'autonumber';

export type FieldDef = {
  type: FieldType;
  /** 'create' = createable only (CaseComment.ParentId); 'always' = createable and updateable. */
  writable?: 'create' | 'always';
  maxLength?: number;
  externalId?: boolean;
  /** false: SOQL may select the field but neither filter nor sort on it (long text areas). */
  filterable?: false;
};

export type ObjectSchema = {
  name: string;
  keyPrefix: string;
  fields: Record<string, FieldDef>;
  /** Relationship name → the reference field and the object it points to (Owner → OwnerId → User). */
  parents: Record<string, { field: string; object: string }>;
  /** Child relationship name → the child object and its reference field (CaseComments → CaseComment.ParentId). */
  children: Record<string, { object: string; field: string }>;
};

const audit: Record<string, FieldDef> = {
  CreatedDate: { type: 'datetime' },
  CreatedById: { type: 'reference' },
  LastModifiedDate: { type: 'datetime' },
  LastModifiedById: { type: 'reference' },
  SystemModstamp: { type: 'datetime' },
  IsDeleted: { type: 'boolean' },
};
const auditParents = {
  CreatedBy: { field: 'CreatedById', object: 'User' },
  LastModifiedBy: { field: 'LastModifiedById', object: 'User' },
};

export function buildSchema(externalIdField: string): Record<string, ObjectSchema> {
  return {
    Case: {
      name: 'Case',
      keyPrefix: '500',
      fields: {
        Id: { type: 'id' },
        CaseNumber: { type: 'autonumber' },
        Subject: { type: 'string', writable: 'always', maxLength: 255 },
        Description: { type: 'textarea', writable: 'always', maxLength: 32_000, filterable: false },
        Origin: { type: 'picklist', writable: 'always', maxLength: 255 },
        Status: { type: 'picklist', writable: 'always', maxLength: 255 },
        Priority: { type: 'picklist', writable: 'always', maxLength: 255 },
        IsClosed: { type: 'boolean' },
        ClosedDate: { type: 'datetime' },
        OwnerId: { type: 'reference' },
        [externalIdField]: { type: 'string', writable: 'always', maxLength: 255, externalId: true },
        ...audit,
      },
      parents: { Owner: { field: 'OwnerId', object: 'User' }, ...auditParents },
      children: { CaseComments: { object: 'CaseComment', field: 'ParentId' } },
    },
    CaseComment: {
      name: 'CaseComment',
      keyPrefix: '00a',
      fields: {
        Id: { type: 'id' },
        ParentId: { type: 'reference', writable: 'create' },
        CommentBody: { type: 'textarea', writable: 'always', maxLength: 4_000, filterable: false },
        IsPublished: { type: 'boolean', writable: 'always' },
        ...audit,
      },
      parents: { Parent: { field: 'ParentId', object: 'Case' }, ...auditParents },
      children: {},
    },
    User: {
      name: 'User',
      keyPrefix: '005',
      fields: { Id: { type: 'id' }, Name: { type: 'string' }, Email: { type: 'string' }, Username: { type: 'string' } },
      parents: {},
      children: {},
    },
  };
}
