import { describe, expect, it } from 'vitest';
import { renderIssue } from '@/lib/i18n/render-error';
import { translatorFor } from '@/lib/i18n/translate';
import { createRequestSchema } from '@/lib/validation/request';
import {
  type RequestFormOptions,
  createRequestBodyFromForm as bodyFromForm,
  justificationFromForm,
  wallTimeToUtc,
} from '@/lib/validation/request-form';

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const base = { tenantId: 'league', reason: 'Membership drive' };

/** The server action's options: the catalogue's words for the expected peak, and the reader's time zone. */
const peakLine = (locale: 'en' | 'pt-BR') => {
  const t = translatorFor(locale);
  return (peak: string) => t('requests.expectedPeak.line', { peak });
};
const english: RequestFormOptions = { expectedPeakLine: peakLine('en'), timeZone: 'UTC' };
const createRequestBodyFromForm = (data: FormData, options: RequestFormOptions = english) => bodyFromForm(data, options);
const en = translatorFor('en');

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
    const issue = createRequestSchema.safeParse(body).error?.issues[0];
    expect(issue?.message).toBe('tenant_required');
    expect(renderIssue(en, issue!)).toBe('Choose a tenant.');
  });

  it('treats an uploaded file in a text field as blank', () => {
    const body = createRequestBodyFromForm(form({ ...base, reason: new Blob(['drive']), concurrent: new Blob(['160']) }));
    expect(body.reason).toBe('');
    expect(body.changes).toEqual({});
  });

  it('prefers the form’s UTC conversion (revertAtUtc) to the zone-less datetime-local value', () => {
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
    const issue = createRequestSchema.safeParse(body).error?.issues[0];
    expect(issue).toMatchObject({ path: ['revertAt'], message: 'revert_at_format' });
    expect(renderIssue(en, issue!)).toBe('Give the end of a temporary change as a date and time.');
  });

  it('reads a zone-less revertAt (no script sent revertAtUtc) as a wall-clock time in the reader’s time zone', () => {
    const at = (timeZone: string) =>
      createRequestBodyFromForm(form({ ...base, revertAt: '2026-12-03T18:00' }), { ...english, timeZone }).revertAt;
    expect(at('UTC')).toBe('2026-12-03T18:00:00.000Z');
    expect(at('America/Sao_Paulo')).toBe('2026-12-03T21:00:00.000Z');
    expect(at('Europe/Lisbon')).toBe('2026-12-03T18:00:00.000Z');
    expect(at('Asia/Kolkata')).toBe('2026-12-03T12:30:00.000Z');
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
    expect(justificationFromForm(form({ justification: ' Membership drive ', expectedPeak: '240' }), peakLine('en'))).toBe(
      'Membership drive\nExpected peak of simultaneous calls: 240',
    );
  });

  it('words the expected peak in the submitter’s language', () => {
    expect(justificationFromForm(form({ justification: 'Campanha', expectedPeak: '240' }), peakLine('pt-BR'))).toBe(
      'Campanha\nPico esperado de chamadas simultâneas: 240',
    );
    expect(justificationFromForm(form({ justification: '', expectedPeak: '240' }), peakLine('pt-BR'))).toBe(
      'Pico esperado de chamadas simultâneas: 240',
    );
  });

  it('is empty when neither was given, so that the schema can say what is missing', () => {
    expect(justificationFromForm(form({ justification: '  ', expectedPeak: '' }), peakLine('en'))).toBe('');
  });

  it('is what createRequestBodyFromForm sends as the justification', () => {
    const body = createRequestBodyFromForm(form({ ...base, justification: 'Drive', expectedPeak: '240' }), {
      ...english,
      expectedPeakLine: peakLine('pt-BR'),
    });
    expect(body.justification).toBe('Drive\nPico esperado de chamadas simultâneas: 240');
  });
});

describe('wallTimeToUtc', () => {
  it('reads a datetime-local value as a wall-clock time in the given time zone', () => {
    expect(wallTimeToUtc('2026-12-03T18:00', 'UTC')?.toISOString()).toBe('2026-12-03T18:00:00.000Z');
    expect(wallTimeToUtc('2026-12-03T18:00', 'America/Sao_Paulo')?.toISOString()).toBe('2026-12-03T21:00:00.000Z');
    expect(wallTimeToUtc('2026-07-03T18:00:30', 'Europe/Berlin')?.toISOString()).toBe('2026-07-03T16:00:30.000Z');
    expect(wallTimeToUtc('2026-12-03T18:00', 'Pacific/Chatham')?.toISOString()).toBe('2026-12-03T04:15:00.000Z');
  });

  it('moves a time that a daylight-saving jump skips forward by the jump, like a wall clock', () => {
    // Berlin: 29 March 2026, 02:00 → 03:00.
    expect(wallTimeToUtc('2026-03-29T02:30', 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTimeToUtc('2026-03-29T03:30', 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of the two times a clock going back repeats', () => {
    // Berlin: 25 October 2026, 03:00 → 02:00; 02:30 happens at 00:30 and at 01:30 UTC.
    expect(wallTimeToUtc('2026-10-25T02:30', 'Europe/Berlin')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(wallTimeToUtc('2026-10-25T03:30', 'Europe/Berlin')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses what is not a wall-clock time, a date that does not exist, or an unknown time zone', () => {
    expect(wallTimeToUtc('next Friday', 'UTC')).toBeNull();
    expect(wallTimeToUtc('2026-12-03T18:00Z', 'UTC')).toBeNull();
    expect(wallTimeToUtc('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(wallTimeToUtc('2026-12-03T24:00', 'UTC')).toBeNull();
    expect(wallTimeToUtc('2026-12-03T18:00', 'Mars/Olympus_Mons')).toBeNull();
  });
});
