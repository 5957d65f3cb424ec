import { describe, expect, it } from 'vitest';
import { createRequestSchema } from '@/lib/validation/request';
import { createRequestBodyFromForm, justificationFromForm } from '@/lib/validation/request-form';

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const base = { tenantId: 'league', reason: 'Membership drive' };

describe('createRequestBodyFromForm', () => {
  it('turns a filled-in form into the API body that createRequestSchema accepts', () => {
    const body = createRequestBodyFromForm(
      form({
        ...base,
        concurrent: '200',
        outbound: '100',
        agentless: '',
        'expected.concurrent': '150',
        'expected.outbound': '80',
        'expected.agentless': '40',
        justification: 'Campaign',
        revertAtUtc: '2026-12-24T17:00:00.000Z',
      }),
    );
    expect(body).toEqual({
      tenantId: 'league',
      changes: { concurrent: 200, outbound: 100 },
      expected: { concurrent: 150, outbound: 80, agentless: 40 },
      reason: 'Membership drive',
      justification: 'Campaign',
      revertAt: '2026-12-24T17:00:00.000Z',
    });
    expect(createRequestSchema.safeParse(body).success).toBe(true);
  });

  it('treats an empty or blank port field as "leave as it is"', () => {
    const body = createRequestBodyFromForm(form({ ...base, concurrent: '', outbound: '   ', agentless: '5' }));
    expect(body.changes).toEqual({ agentless: 5 });
  });

  it('gives empty changes and expected when no port field is sent (no_change is the rules’ call)', () => {
    const body = createRequestBodyFromForm(form(base));
    expect(body.changes).toEqual({});
    expect(body.expected).toEqual({});
    expect(createRequestSchema.safeParse(body).success).toBe(true);
  });

  it('trims every text field', () => {
    const body = createRequestBodyFromForm(form({ tenantId: ' league ', reason: ' drive ', concurrent: ' 160 ' }));
    expect(body).toMatchObject({ tenantId: 'league', reason: 'drive', changes: { concurrent: 160 } });
  });

  it('passes a fraction through, so the port rules refuse it (limit_out_of_range)', () => {
    const body = createRequestBodyFromForm(form({ ...base, concurrent: '1.5' }));
    expect(body.changes).toEqual({ concurrent: 1.5 });
    expect(createRequestSchema.safeParse(body).success).toBe(true);
  });

  it('turns text typed into a port field into NaN, which the schema refuses for that field', () => {
    const body = createRequestBodyFromForm(form({ ...base, concurrent: 'lots' }));
    expect(body.changes?.concurrent).toBeNaN();
    const result = createRequestSchema.safeParse(body);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['changes.concurrent']);
  });

  it('leaves out a blank justification', () => {
    expect(createRequestBodyFromForm(form({ ...base, justification: '  ' })).justification).toBeUndefined();
  });

  it('treats a missing tenant as blank, which the schema refuses with "Choose a tenant."', () => {
    const body = createRequestBodyFromForm(form({ reason: 'drive', concurrent: '160' }));
    expect(body.tenantId).toBe('');
    expect(createRequestSchema.safeParse(body).error?.issues[0]?.message).toBe('Choose a tenant.');
  });

  it('treats an uploaded file in a text field as blank', () => {
    const body = createRequestBodyFromForm(form({ ...base, reason: new Blob(['drive']), concurrent: new Blob(['160']) }));
    expect(body.reason).toBe('');
    expect(body.changes).toEqual({});
  });

  it('prefers the browser’s UTC conversion (revertAtUtc) to the zone-less datetime-local value', () => {
    const body = createRequestBodyFromForm(
      form({ ...base, revertAt: '2026-12-24T18:00', revertAtUtc: '2026-12-24T17:00:00.000Z' }),
    );
    expect(body.revertAt).toBe('2026-12-24T17:00:00.000Z');
  });

  it('converts a revertAt that carries its zone to an ISO instant', () => {
    const body = createRequestBodyFromForm(form({ ...base, revertAt: '2026-12-24T18:00:00+01:00' }));
    expect(body.revertAt).toBe('2026-12-24T17:00:00.000Z');
  });

  it('keeps an unreadable revertAt as typed, so the schema refuses it with its own message', () => {
    const body = createRequestBodyFromForm(form({ ...base, revertAt: 'next Friday' }));
    expect(body.revertAt).toBe('next Friday');
    expect(createRequestSchema.safeParse(body).error?.issues[0]).toMatchObject({
      path: ['revertAt'],
      message: 'Give the end of a temporary change as a date and time.',
    });
  });

  it('leaves revertAt out of a permanent change', () => {
    expect(createRequestBodyFromForm(form({ ...base, revertAt: '', revertAtUtc: '' })).revertAt).toBeUndefined();
    expect(createRequestBodyFromForm(form(base)).revertAt).toBeUndefined();
  });
});

describe('justificationFromForm', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

  it('gives the rep the expected peak of simultaneous calls with the justification', () => {
    expect(justificationFromForm(form({ justification: ' Membership drive ', expectedPeak: '240' }))).toBe(
      'Membership drive\nExpected peak of simultaneous calls: 240',
    );
  });

  it('is empty when neither was given, so that the schema can say what is missing', () => {
    expect(justificationFromForm(form({ justification: '  ', expectedPeak: '' }))).toBe('');
  });
});
