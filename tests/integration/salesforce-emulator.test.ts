import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAULTS } from '../support/salesforce-emulator/faults';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { waitFor } from '../support/wait-for';

// jsforce's own high-level API, not SSPM's adapter: the emulator must look like Salesforce to it.
describe('the Salesforce emulator, seen through jsforce', () => {
  let emulator: SalesforceEmulator;
  let conn: Connection;

  const signIn = async () => {
    const oauth2 = new OAuth2({ loginUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
    const token = await oauth2.requestToken({ grant_type: 'client_credentials' });
    return new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: '62.0' });
  };
  const errorOf = (promise: PromiseLike<unknown>) =>
    Promise.resolve(promise).then(
      () => null,
      (error: { errorCode?: string; name?: string; message: string }) => error,
    );

  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
  });
  beforeEach(async () => {
    emulator.faults.recover();
    conn = await signIn();
  });
  afterAll(async () => {
    await emulator.stop();
  });

  it('listens on the loopback interface only', () => {
    expect(new URL(emulator.url).hostname).toBe('127.0.0.1');
  });

  it('signs in with client credentials and refuses a wrong secret with OAuth error fields', async () => {
    expect(conn.instanceUrl).toBe(emulator.url);
    const oauth2 = new OAuth2({ loginUrl: emulator.url, clientId: emulator.clientId, clientSecret: 'wrong' });
    const error = await errorOf(oauth2.requestToken({ grant_type: 'client_credentials' }));
    expect(error).toMatchObject({ name: 'invalid_client', message: 'invalid client credentials' });
  });

  it('creates, retrieves and updates a Case, numbering it with eight digits', async () => {
    const created = await conn.sobject('Case').create({ Subject: 'Ports', Origin: 'Self-Service Port Management' });
    expect(created).toMatchObject({ success: true });
    const record = await conn.sobject('Case').retrieve(created.id!);
    expect(record).toMatchObject({ Subject: 'Ports', Status: 'New', IsClosed: false });
    expect(record.CaseNumber).toMatch(/^\d{8}$/);

    await conn.sobject('Case').update({ Id: created.id!, Status: 'Closed' });
    expect(await conn.sobject('Case').retrieve(created.id!)).toMatchObject({ Status: 'Closed', IsClosed: true });
  });

  it('upserts on the external id: the second upsert updates the case the first created', async () => {
    const first = await conn.sobject('Case').upsert({ SSPM_Request_Id__c: 'req-1', Subject: 'One' }, 'SSPM_Request_Id__c');
    const second = await conn.sobject('Case').upsert({ SSPM_Request_Id__c: 'req-1', Subject: 'Two' }, 'SSPM_Request_Id__c');
    expect(first).toMatchObject({ success: true, created: true });
    expect(second).toMatchObject({ success: true, created: false, id: (first as { id: string }).id });
    expect(emulator.org.caseByExternalId('req-1')).toMatchObject({ Subject: 'Two' });
  });

  it('answers the SOQL the adapter issues, with parent fields and a child subquery', async () => {
    const { id } = await conn.sobject('Case').create({ Subject: 'Query me' });
    emulator.org.decideInUi(id!, 'Approved', { email: 'rep@ops.example', comment: 'Fine by me' });
    const result = await conn.query<Record<string, unknown>>(
      `SELECT Id, Status, LastModifiedBy.Email, (SELECT CommentBody FROM CaseComments ORDER BY CreatedDate DESC LIMIT 1) FROM Case WHERE Id IN ('${id}')`,
    );
    expect(result).toMatchObject({ totalSize: 1, done: true });
    expect(result.records[0]).toMatchObject({
      Id: id,
      Status: 'Approved',
      LastModifiedBy: { Email: 'rep@ops.example' },
      CaseComments: { totalSize: 1, records: [{ CommentBody: 'Fine by me' }] },
    });
  });

  it('reports Salesforce error bodies as jsforce errors with their error codes', async () => {
    await conn.sobject('Case').create({ SSPM_Request_Id__c: 'dup', Subject: 'A' });
    expect(await errorOf(conn.sobject('Case').create({ SSPM_Request_Id__c: 'dup', Subject: 'B' }))).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(await errorOf(conn.sobject('Case').create({ Nope__c: 'x' }))).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await errorOf(conn.sobject('Case').update({ Id: '500000000000000AAA', Status: 'Closed' }))).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(await errorOf(conn.query('SELECT Id FROM Case WHERE'))).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  it('expires sessions on demand: the old token gets INVALID_SESSION_ID', async () => {
    emulator.expireSessions();
    expect(await errorOf(conn.query('SELECT Id FROM Case'))).toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('fails the next N calls as told, then answers again, and counts every call per endpoint', async () => {
    emulator.calls.reset();
    emulator.faults.failNext(2, FAULTS.rateLimited);
    expect(await errorOf(conn.query('SELECT Id FROM Case'))).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(await errorOf(conn.sobject('Case').create({ Subject: 'x' }))).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect((await conn.sobject('Case').create({ Subject: 'x' })).success).toBe(true);
    expect(emulator.calls.snapshot()).toEqual({ 'GET /query': 1, 'POST /sobjects/Case': 2 });
  });

  it('adds latency to every call while told to', async () => {
    emulator.faults.latencyMs = 150;
    const started = Date.now();
    await conn.query('SELECT Id FROM Case LIMIT 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  const createCase = (subject: string, options: { timeout?: number } = {}) =>
    conn.request<{ id: string }>(
      { method: 'POST', url: '/sobjects/Case', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Subject: subject }) },
      { retry: { maxRetries: 0 }, ...options },
    );
  const casesWithSubject = (subject: string) => [...emulator.org.table('Case').values()].filter((kase) => kase.Subject === subject);

  // The callers' timeouts leave a busy machine time to deliver the call before they give up on it.
  it('applies a slow call even when the caller gave up on it, whatever the route', async () => {
    emulator.faults.latencyMs = 600;
    expect(await errorOf(createCase('Late', { timeout: 200 }))).toMatchObject({ name: 'AbortError' });
    const late = await waitFor(() => casesWithSubject('Late')[0], 'the slow create to be applied');
    const comment = conn.request(
      {
        method: 'POST',
        url: '/composite',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          allOrNone: true,
          compositeRequest: [{ method: 'POST', url: '/services/data/v62.0/sobjects/CaseComment', referenceId: 'c', body: { ParentId: late.Id, CommentBody: 'Late too' } }],
        }),
      },
      { retry: { maxRetries: 0 }, timeout: 200 },
    );
    expect(await errorOf(comment)).toMatchObject({ name: 'AbortError' });
    await waitFor(() => emulator.org.commentsOf(late.Id).length === 1, 'the slow composite to be applied');
  });

  it('reliability item 4: applies the next call, then holds its answer until the caller hangs up', async () => {
    emulator.faults.loseNextAnswers(1);
    expect(await errorOf(createCase('Applied, answer lost', { timeout: 200 }))).toMatchObject({ name: 'AbortError' });
    expect(casesWithSubject('Applied, answer lost')).toHaveLength(1);
    // Only the next call: the one after it is answered.
    expect(await createCase('Answered')).toMatchObject({ id: casesWithSubject('Answered')[0]!.Id });
  });

  it('reliability item 4: applies the next call, then drops the connection without an answer', async () => {
    emulator.faults.loseNextAnswers(1, { how: 'drop', endpoint: /^POST \/sobjects\/CaseComment$/ });
    const { id } = await createCase('Commented');
    const error = await errorOf(conn.sobject('CaseComment').create({ ParentId: id, CommentBody: 'Dropped on the way back' }));
    expect(error).not.toBeNull();
    expect(error).not.toHaveProperty('errorCode');
    expect(emulator.org.commentsOf(id).map((comment) => comment.CommentBody)).toEqual(['Dropped on the way back']);
  });

  it('refuses to filter or sort on a long text area (CommentBody, Description), as Salesforce does', async () => {
    expect(await errorOf(conn.query("SELECT Id FROM CaseComment WHERE CommentBody LIKE '%[SSPM #1]%'"))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "field 'CommentBody' can not be filtered in query call",
    });
    expect(await errorOf(conn.query("SELECT Id, (SELECT Id FROM CaseComments WHERE CommentBody = 'x') FROM Case"))).toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    expect(await errorOf(conn.query('SELECT Id FROM Case ORDER BY Description'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "field 'Description' can not be sorted in query call",
    });
    // Selecting them is fine, and LIKE works on a field that can be filtered (case-insensitively).
    const { id } = await createCase('Port change for The League');
    await conn.sobject('CaseComment').create({ ParentId: id, CommentBody: 'Approved.\n[SSPM #1]' });
    const comments = await conn.query<{ CommentBody: string }>(`SELECT CommentBody FROM CaseComment WHERE ParentId = '${id}'`);
    expect(comments.records.map((record) => record.CommentBody)).toEqual(['Approved.\n[SSPM #1]']);
    const found = await conn.query<{ Id: string }>("SELECT Id FROM Case WHERE Subject LIKE 'port change for%'");
    expect(found.records.map((record) => record.Id)).toContain(id);
  });

  it('records every update that sets a case status, changed or not, and none that was rolled back', async () => {
    const { id } = await createCase('Status writes');
    await conn.sobject('Case').update({ Id: id, Status: 'Approved' });
    await conn.sobject('Case').update({ Id: id, Status: 'Approved' });
    await conn.sobject('Case').update({ Id: id, Subject: 'No status here' });
    await conn.request({
      method: 'POST',
      url: '/composite',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          { method: 'PATCH', url: `/services/data/v62.0/sobjects/Case/${id}`, referenceId: 'a', body: { Status: 'Closed' } },
          { method: 'PATCH', url: `/services/data/v62.0/sobjects/Case/${id}`, referenceId: 'b', body: { Status: 'NoSuchStatus' } },
        ],
      }),
    });
    expect(emulator.org.statusWritesOf(id).map((write) => write.status)).toEqual(['Approved', 'Approved']);
  });

  it('rolls back every subrequest of an all-or-none composite call when one fails', async () => {
    const before = emulator.org.table('Case').size;
    const answer = await conn.request<{ compositeResponse: { httpStatusCode: number; body: [{ errorCode: string }] }[] }>({
      method: 'POST',
      url: '/composite',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v62.0/sobjects/Case', referenceId: 'a', body: { Subject: 'kept?' } },
          { method: 'PATCH', url: '/services/data/v62.0/sobjects/Case/@{a.id}', referenceId: 'b', body: { Status: 'NoSuchStatus' } },
        ],
      }),
    });
    expect(answer.compositeResponse.map((item) => item.body[0].errorCode)).toEqual([
      'PROCESSING_HALTED',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
    expect(emulator.org.table('Case').size).toBe(before);
  });
});
