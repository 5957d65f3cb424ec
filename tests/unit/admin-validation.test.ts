import { describe, expect, it } from 'vitest';
import { deleteRoleMappingSchema, endUserSessionsSchema, groupNameSchema, roleMappingSchema } from '@/lib/validation/access';
import { globalSettingsSchema, tenantThresholdSchema } from '@/lib/validation/thresholds';
import { type IssueLike, renderIssue } from '@/lib/i18n/render-error';
import { translatorFor } from '@/lib/i18n/translate';

const english = translatorFor('en');

const fieldMessages = (result: { success: boolean; error?: { issues: (IssueLike & { path: PropertyKey[] })[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), renderIssue(english, issue)]));

describe('threshold forms: a blank number is not zero', () => {
  it.each(['', ' ', '\t', '   '])('issue 8 item 6.4: refuses a blank global threshold %j with "Enter a number." (z.coerce read it as 0)', (blank) => {
    const result = globalSettingsSchema.safeParse({ dailyThreshold: blank, portPrice: '25.00' });
    expect(result.success).toBe(false);
    expect(fieldMessages(result)).toEqual({ dailyThreshold: 'Enter a number.' });
  });

  it.each(['', '  '])('issue 8 item 6.4: refuses a blank port price %j with "Enter a number."', (blank) => {
    const result = globalSettingsSchema.safeParse({ dailyThreshold: '100', portPrice: blank });
    expect(fieldMessages(result)).toEqual({ portPrice: 'Enter a number.' });
  });

  it('issue 8 item 6.4: refuses a missing or unreadable number the same way, and still takes 0 typed as 0', () => {
    expect(fieldMessages(globalSettingsSchema.safeParse({ portPrice: '0' }))).toEqual({ dailyThreshold: 'Enter a number.' });
    expect(fieldMessages(globalSettingsSchema.safeParse({ dailyThreshold: 'lots', portPrice: '0' }))).toEqual({ dailyThreshold: 'Enter a number.' });
    expect(globalSettingsSchema.parse({ dailyThreshold: ' 0 ', portPrice: '0' })).toEqual({ dailyThreshold: 0, portPriceCents: 0 });
    expect(globalSettingsSchema.parse({ dailyThreshold: 20, portPrice: '12.50' })).toEqual({ dailyThreshold: 20, portPriceCents: 1250 });
  });

  it('issue 8 item 6.4: keeps a blank tenant override meaning "use the global threshold", whitespace included, never 0', () => {
    for (const blank of ['', '  ', undefined]) {
      expect(tenantThresholdSchema.parse({ tenantId: 'league', dailyThreshold: blank })).toEqual({ tenantId: 'league', dailyThreshold: null });
    }
    expect(tenantThresholdSchema.parse({ tenantId: 'league', dailyThreshold: ' 0 ' })).toEqual({ tenantId: 'league', dailyThreshold: 0 });
    expect(fieldMessages(tenantThresholdSchema.safeParse({ tenantId: 'league', dailyThreshold: 'x' }))).toEqual({ dailyThreshold: 'Enter a number.' });
  });
});

describe('SSO group names', () => {
  it.each([
    'sspm-account-rep',
    'SSPM Requesters',
    'Operações de rede',
    '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    'CONTOSO\\sspm-reps',
    'sspm-reps@contoso.com',
    'CN=sspm-reps,OU=Groups,DC=contoso,DC=com',
    'app:sspm/requester',
    "O'Brien & Partners (ops)",
    'a',
  ])('access item 5: accepts the group name %j as identity providers send it', (name) => {
    expect(groupNameSchema.parse(name)).toBe(name);
  });

  it.each([
    ['a leading space', ' sspm-account-rep', 'Remove the spaces'],
    ['a trailing space', 'sspm-account-rep ', 'Remove the spaces'],
    ['a trailing tab', 'sspm-account-rep\t', 'Remove the spaces'],
    ['__proto__', '__proto__', 'Start with a letter or digit'],
    ['a leading dot', '.hidden', 'Start with a letter or digit'],
    ['a leading slash (Keycloak full path)', '/sspm-requester', 'Start with a letter or digit'],
    ['a right-to-left override', 'sspm-\u202eper-tnuocca', 'U+202E'],
    ['a zero-width space', 'sspm-account\u200b-rep', 'U+200B'],
    ['a NUL', 'sspm\u0000', 'Remove the control characters'],
    ['a quote-free injection attempt', 'a;DROP TABLE users', 'Start with a letter or digit'],
    ['201 characters', 'a'.repeat(201), 'At most 200'],
    ['nothing', '', 'Name the SSO group.'],
  ])('access item 5: refuses a group name with %s, never trimming it into another group', (_name, name, message) => {
    const result = roleMappingSchema.safeParse({ group: name, permissions: ['account_rep'] });
    expect(result.success).toBe(false);
    expect(renderIssue(english, result.error!.issues[0]!)).toContain(message);
  });

  it('access item 5: matches names exactly: no trimming, no case folding', () => {
    expect(groupNameSchema.parse('SSPM-Account-Rep')).toBe('SSPM-Account-Rep');
    expect(groupNameSchema.safeParse(' sspm-account-rep').success).toBe(false);
  });

  it('access item 5: still lets a rep remove a mapping whose name predates the pattern', () => {
    expect(deleteRoleMappingSchema.parse({ group: '__proto__' })).toEqual({ group: '__proto__' });
    expect(deleteRoleMappingSchema.safeParse({ group: '' }).success).toBe(false);
  });

  it('access item 7: ends sessions by user id, a uuid', () => {
    expect(endUserSessionsSchema.safeParse({ userId: 'rep@ops.example' }).success).toBe(false);
    expect(endUserSessionsSchema.parse({ userId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' })).toEqual({ userId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
  });
});
