import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { stripControlCharacters } from '@/lib/validation/text';
import {
  addInformationSchema,
  createRequestSchema,
  decisionSchema,
  listRequestsQuerySchema,
  namesSeveralTenants,
} from '@/lib/validation/request';
import { renderIssue } from '@/lib/i18n/render-error';
import { translatorFor } from '@/lib/i18n/translate';

// Schemas speak in catalogue keys; the tests read them as an English reader would.
const english = translatorFor('en');

const body = { tenantId: 'league', changes: { concurrent: 200 }, reason: 'Membership drive' };

/** The paths and messages of a refused parse, so a test can say which field failed and why. */
function issues(result: z.ZodSafeParseResult<unknown>) {
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: renderIssue(english, issue) }));
}

describe('createRequestSchema', () => {
  it('accepts the SPEC body, trimming text and turning revertAt into a Date', () => {
    const result = createRequestSchema.safeParse({
      tenantId: ' league ',
      changes: { concurrent: 200, outbound: 100 },
      expected: { concurrent: 150, outbound: 80 },
      reason: '  Membership drive ',
      justification: ' Campaign of the year ',
      revertAt: '2026-12-24T18:00:00+01:00',
    });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      tenantId: 'league',
      changes: { concurrent: 200, outbound: 100 },
      expected: { concurrent: 150, outbound: 80 },
      reason: 'Membership drive',
      justification: 'Campaign of the year',
      revertAt: new Date('2026-12-24T17:00:00.000Z'),
    });
  });

  it('treats a blank or null justification and a null revertAt as absent', () => {
    for (const extra of [{ justification: '   ', revertAt: null }, { justification: null }, {}]) {
      const result = createRequestSchema.safeParse({ ...body, ...extra });
      expect(result.data?.justification).toBeUndefined();
      expect(result.data?.revertAt).toBeUndefined();
    }
  });

  it('requires a tenant', () => {
    expect(issues(createRequestSchema.safeParse({ ...body, tenantId: '   ' }))).toEqual([
      { path: 'tenantId', message: 'Choose a tenant.' },
    ]);
    expect(issues(createRequestSchema.safeParse({ ...body, tenantId: undefined })).map((i) => i.path)).toEqual(['tenantId']);
  });

  it('refuses a list of tenants by its shape (single_tenant_only is decided by namesSeveralTenants)', () => {
    expect(issues(createRequestSchema.safeParse({ ...body, tenantId: ['league', 'blakeney'] })).map((i) => i.path)).toEqual([
      'tenantId',
    ]);
  });

  it('requires a reason of at most 1000 characters', () => {
    expect(issues(createRequestSchema.safeParse({ ...body, reason: ' ' }))).toEqual([
      { path: 'reason', message: 'Give a reason for the change.' },
    ]);
    expect(createRequestSchema.safeParse({ ...body, reason: 'x'.repeat(1000) }).success).toBe(true);
    expect(issues(createRequestSchema.safeParse({ ...body, reason: 'x'.repeat(1001) }))).toEqual([
      { path: 'reason', message: 'At most 1,000 characters.' },
    ]);
  });

  it('limits the justification to 4000 characters', () => {
    expect(createRequestSchema.safeParse({ ...body, justification: 'x'.repeat(4000) }).success).toBe(true);
    expect(issues(createRequestSchema.safeParse({ ...body, justification: 'x'.repeat(4001) }))).toEqual([
      { path: 'justification', message: 'At most 4,000 characters.' },
    ]);
  });

  it('refuses an unknown port type and an unknown field (strict shape)', () => {
    expect(issues(createRequestSchema.safeParse({ ...body, changes: { ports: 3 } })).map((i) => i.path)).toEqual(['changes']);
    expect(issues(createRequestSchema.safeParse({ ...body, expected: { inbound: 3 } })).map((i) => i.path)).toEqual([
      'expected',
    ]);
    expect(issues(createRequestSchema.safeParse({ ...body, priority: 'high' })).map((i) => i.path)).toEqual(['']);
  });

  it('refuses a port value that is not a number: a string, NaN or Infinity', () => {
    for (const value of ['200', Number.NaN, Number.POSITIVE_INFINITY, null]) {
      expect(issues(createRequestSchema.safeParse({ ...body, changes: { concurrent: value } })).map((i) => i.path)).toEqual([
        'changes.concurrent',
      ]);
    }
  });

  it('leaves range and whole-number checks to the port rules (limit_out_of_range, not a shape error)', () => {
    for (const value of [-1, 1.5, 10_000]) {
      expect(createRequestSchema.safeParse({ ...body, changes: { concurrent: value } }).success).toBe(true);
    }
  });

  it('accepts empty changes, leaving no_change to the port rules', () => {
    expect(createRequestSchema.safeParse({ ...body, changes: {} }).success).toBe(true);
  });

  it('refuses a revertAt without a time zone, without a time, or unreadable', () => {
    for (const revertAt of ['2026-12-24T18:00:00', '2026-12-24', 'next Friday', '']) {
      expect(issues(createRequestSchema.safeParse({ ...body, revertAt }))).toEqual([
        { path: 'revertAt', message: 'Give the end of a temporary change as a date and time.' },
      ]);
    }
  });

  it('accepts a revertAt in UTC with fractional seconds', () => {
    const result = createRequestSchema.safeParse({ ...body, revertAt: '2026-12-24T18:00:00.250Z' });
    expect(result.data?.revertAt?.toISOString()).toBe('2026-12-24T18:00:00.250Z');
  });
});

describe('namesSeveralTenants (single_tenant_only)', () => {
  it('recognises a list of tenant ids', () => {
    expect(namesSeveralTenants({ ...body, tenantId: ['league', 'blakeney'] })).toBe(true);
  });

  it('recognises a tenantIds field, whatever its value', () => {
    expect(namesSeveralTenants({ ...body, tenantIds: ['league'] })).toBe(true);
    expect(namesSeveralTenants({ ...body, tenantIds: 'league' })).toBe(true);
  });

  it('recognises a list of tenants', () => {
    expect(namesSeveralTenants({ tenants: [{ tenantId: 'league' }, { tenantId: 'blakeney' }] })).toBe(true);
  });

  it('does not flag a body that names one tenant', () => {
    expect(namesSeveralTenants(body)).toBe(false);
    expect(namesSeveralTenants({ ...body, tenants: 'league' })).toBe(false);
  });

  it('does not flag input that is not an object', () => {
    for (const input of [null, undefined, 'league', 42, true]) expect(namesSeveralTenants(input)).toBe(false);
  });
});

describe('addInformationSchema', () => {
  it('accepts a justification, trimmed', () => {
    expect(addInformationSchema.parse({ justification: '  Membership drive in December ' })).toEqual({
      justification: 'Membership drive in December',
    });
  });

  it('requires a justification that is not blank', () => {
    expect(issues(addInformationSchema.safeParse({ justification: '   ' }))).toEqual([
      { path: 'justification', message: 'Tell the Account Representative why.' },
    ]);
    expect(issues(addInformationSchema.safeParse({})).map((i) => i.path)).toEqual(['justification']);
  });

  it('limits the justification to 4000 characters', () => {
    expect(addInformationSchema.safeParse({ justification: 'x'.repeat(4000) }).success).toBe(true);
    expect(addInformationSchema.safeParse({ justification: 'x'.repeat(4001) }).success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(addInformationSchema.safeParse({ justification: 'why', status: 'approved' }).success).toBe(false);
  });
});

describe('decisionSchema', () => {
  it('accepts approve and reject, with the comment trimmed', () => {
    expect(decisionSchema.parse({ decision: 'approve', comment: ' Fine ' })).toEqual({ decision: 'approve', comment: 'Fine' });
    expect(decisionSchema.parse({ decision: 'reject', comment: 'Too many' })).toEqual({ decision: 'reject', comment: 'Too many' });
  });

  it('defaults the comment to an empty string', () => {
    expect(decisionSchema.parse({ decision: 'approve' })).toEqual({ decision: 'approve', comment: '' });
  });

  it('refuses any other decision with a sentence that names the choices', () => {
    for (const decision of ['maybe', 'APPROVE', undefined]) {
      expect(issues(decisionSchema.safeParse({ decision }))).toEqual([
        { path: 'decision', message: 'Decide "approve" or "reject".' },
      ]);
    }
  });

  it('limits the comment to 2000 characters', () => {
    expect(decisionSchema.safeParse({ decision: 'reject', comment: 'x'.repeat(2000) }).success).toBe(true);
    expect(issues(decisionSchema.safeParse({ decision: 'reject', comment: 'x'.repeat(2001) }))).toEqual([
      { path: 'comment', message: 'At most 2,000 characters.' },
    ]);
  });

  it('refuses unknown fields, such as a decider chosen by the client', () => {
    expect(decisionSchema.safeParse({ decision: 'approve', by: 'percy@classics.example' }).success).toBe(false);
  });
});

describe('listRequestsQuerySchema', () => {
  it('defaults to a page of 20', () => {
    expect(listRequestsQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it('reads the limit from a query string, from 1 to 100', () => {
    expect(listRequestsQuerySchema.parse({ limit: '1' }).limit).toBe(1);
    expect(listRequestsQuerySchema.parse({ limit: '100' }).limit).toBe(100);
  });

  it('refuses a limit of 0, 101, a fraction or text', () => {
    for (const limit of ['0', '101', '2.5', 'ten']) {
      expect(issues(listRequestsQuerySchema.safeParse({ limit })).map((i) => i.path)).toEqual(['limit']);
    }
  });

  it('refuses an empty limit rather than using the default', () => {
    expect(issues(listRequestsQuerySchema.safeParse({ limit: '' })).map((i) => i.path)).toEqual(['limit']);
  });

  it('filters by any request status and refuses an unknown one', () => {
    for (const status of ['new', 'pending_info', 'in_review', 'approved', 'rejected', 'cancelled', 'reverted']) {
      expect(listRequestsQuerySchema.parse({ status }).status).toBe(status);
    }
    expect(issues(listRequestsQuerySchema.safeParse({ status: 'open' })).map((i) => i.path)).toEqual(['status']);
  });

  it('filters by a tenant id, trimmed, and refuses a blank one', () => {
    expect(listRequestsQuerySchema.parse({ tenantId: ' league ' }).tenantId).toBe('league');
    expect(issues(listRequestsQuerySchema.safeParse({ tenantId: '  ' })).map((i) => i.path)).toEqual(['tenantId']);
  });

  it('takes a cursor and refuses an empty one', () => {
    expect(listRequestsQuerySchema.parse({ cursor: 'abc' }).cursor).toBe('abc');
    expect(issues(listRequestsQuerySchema.safeParse({ cursor: '' })).map((i) => i.path)).toEqual(['cursor']);
  });

  it('drops unknown query parameters', () => {
    expect(listRequestsQuerySchema.parse({ utm_source: 'mail', limit: '5' })).toEqual({ limit: 5 });
  });
});

describe('free text (control characters)', () => {
  it('refuses a NUL or other control character in a reason, which PostgreSQL text cannot hold', () => {
    const body = { tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive\u0000' };
    expect(createRequestSchema.safeParse(body).success).toBe(false);
    expect(createRequestSchema.safeParse({ ...body, reason: 'Drive\u0007' }).success).toBe(false);
  });

  it('keeps tabs and line breaks in a justification', () => {
    const parsed = createRequestSchema.parse({ tenantId: 'league', changes: { concurrent: 200 }, reason: 'Drive', justification: 'a\tb\nc\r\nd' });
    expect(parsed.justification).toBe('a\tb\nc\r\nd');
  });

  it('strips control characters from text that comes from other systems', () => {
    expect(stripControlCharacters('Ok\u0000 \u000cfine\n')).toBe('Ok fine\n');
  });
});
