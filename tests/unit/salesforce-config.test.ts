import { describe, expect, it } from 'vitest';
import { salesforceConfigFromEnv } from '@/lib/salesforce/salesforce-config';

const CREDENTIALS = {
  SALESFORCE_LOGIN_URL: 'https://login.salesforce.com/',
  SALESFORCE_CLIENT_ID: '3MVG9-client-id',
  SALESFORCE_CLIENT_SECRET: 'client-secret',
};

describe('Salesforce configuration from the environment', () => {
  it('is absent (the local case desk) when no Salesforce variable is set, or only blank ones', () => {
    expect(salesforceConfigFromEnv({})).toBeNull();
    expect(salesforceConfigFromEnv({ SALESFORCE_LOGIN_URL: '', SALESFORCE_API_VERSION: '61.0' })).toBeNull();
  });

  it('fills the documented defaults', () => {
    expect(salesforceConfigFromEnv(CREDENTIALS)).toEqual({
      loginUrl: 'https://login.salesforce.com',
      clientId: '3MVG9-client-id',
      clientSecret: 'client-secret',
      apiVersion: '62.0',
      externalIdField: 'SSPM_Request_Id__c',
      approvedStatus: 'Approved',
      rejectedStatus: 'Rejected',
      closedStatus: 'Closed',
    });
  });

  it('takes the org’s own field and status names', () => {
    const config = salesforceConfigFromEnv({
      ...CREDENTIALS,
      SALESFORCE_API_VERSION: '60.0',
      SALESFORCE_EXTERNAL_ID_FIELD: 'Port_Request__c',
      SALESFORCE_APPROVED_STATUS: 'Granted',
      SALESFORCE_REJECTED_STATUS: 'Declined',
    });
    expect(config).toMatchObject({ apiVersion: '60.0', externalIdField: 'Port_Request__c', approvedStatus: 'Granted', rejectedStatus: 'Declined' });
  });

  it('stops start-up on a partial configuration, naming what is missing', () => {
    expect(() => salesforceConfigFromEnv({ SALESFORCE_LOGIN_URL: CREDENTIALS.SALESFORCE_LOGIN_URL })).toThrow(/SALESFORCE_CLIENT_ID/);
    expect(() => salesforceConfigFromEnv({ ...CREDENTIALS, SALESFORCE_CLIENT_SECRET: '' })).toThrow(/SALESFORCE_CLIENT_SECRET/);
  });

  it('refuses a malformed API version or external id field', () => {
    expect(() => salesforceConfigFromEnv({ ...CREDENTIALS, SALESFORCE_API_VERSION: 'v62' })).toThrow(/SALESFORCE_API_VERSION/);
    expect(() => salesforceConfigFromEnv({ ...CREDENTIALS, SALESFORCE_EXTERNAL_ID_FIELD: "Id' OR 1=1" })).toThrow(
      /SALESFORCE_EXTERNAL_ID_FIELD/,
    );
  });
});
