import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';
import { type SalesforceEmulator, startSalesforceEmulator } from '../support/salesforce-emulator/server';
import { waitFor } from '../support/wait-for';

const CRON_SECRET = 'e2e-cron-secret-0123456789abcdef';

describe('the built app with Salesforce (the emulator) as its case desk', () => {
  let emulator: SalesforceEmulator;
  let app: AppServer;
  let percy: HttpSession;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
    app = await startAppServer({ ...emulator.env(), CRON_SECRET });
    percy = new HttpSession(app.url);
    await percy.signInWithDemo('percy@classics.example');
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
  });

  const requestById = async (id: string) => (await (await percy.fetch(`/api/v1/requests/${id}`)).json()) as { caseNumber: string | null; status: string; decision: { by: string; comment: string } | null };

  it('answers before Salesforce is called, then opens and closes the case after the answer', async () => {
    emulator.faults.latencyMs = 300; // Salesforce is slow; the partner does not wait for it
    const response = await percy.json('/api/v1/requests', 'POST', { tenantId: 'league', changes: { concurrent: 160 }, reason: 'Drive' });
    const created = (await response.json()) as { id: string; status: string; caseNumber: string | null };
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ status: 'approved', caseNumber: null });

    const caseNumber = await waitFor(async () => (await requestById(created.id)).caseNumber, 'the case number');
    const closed = await waitFor(() => (emulator.org.caseByExternalId(created.id)?.IsClosed ? emulator.org.caseByExternalId(created.id) : null), 'the case to close');
    emulator.faults.latencyMs = 0;
    expect(closed).toMatchObject({ CaseNumber: caseNumber, Status: 'Approved' });
  });

  it('brings a decision made in Salesforce back through the scheduled sync, which refuses callers without the secret', async () => {
    const response = await percy.json('/api/v1/requests', 'POST', {
      tenantId: 'blakeney',
      changes: { concurrent: 400 },
      reason: 'Season',
      justification: 'Harvest shipping',
    });
    const created = (await response.json()) as { id: string; status: string };
    expect(created.status).toBe('in_review');
    const kase = await waitFor(() => emulator.org.caseByExternalId(created.id), 'the case to open');
    emulator.org.decideInUi(kase.Id, 'Approved', { email: 'rep@ops.example', comment: 'Approved from Salesforce' });

    expect((await fetch(`${app.url}/api/cron/salesforce-sync`)).status).toBe(401);
    const sync = await fetch(`${app.url}/api/cron/salesforce-sync`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(sync.status).toBe(200);
    expect(await sync.json()).toMatchObject({ ran: true, decisionsApplied: 1, casesRead: 1 });
    expect(await requestById(created.id)).toMatchObject({
      status: 'approved',
      decision: { by: 'salesforce:rep@ops.example', comment: 'Approved from Salesforce' },
    });
  });
});
