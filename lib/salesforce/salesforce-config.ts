import { z } from 'zod';

/** How SSPM reaches Salesforce (SPEC §6). Case status names and the external-id field vary per org. */
export type SalesforceConfig = {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
  externalIdField: string;
  approvedStatus: string;
  rejectedStatus: string;
  /** What a cancelled or reverted request's case is set to. */
  closedStatus: string;
};

const text = z.string().trim().min(1);

const schema = z.object({
  SALESFORCE_LOGIN_URL: z.url({ message: 'SALESFORCE_LOGIN_URL must be the org login URL, e.g. https://login.salesforce.com' }),
  SALESFORCE_CLIENT_ID: text,
  SALESFORCE_CLIENT_SECRET: text,
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2}\.0$/, { message: 'SALESFORCE_API_VERSION must look like 62.0' })
    .default('62.0'),
  SALESFORCE_EXTERNAL_ID_FIELD: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, { message: 'SALESFORCE_EXTERNAL_ID_FIELD must be a custom field API name ending in __c' })
    .default('SSPM_Request_Id__c'),
  SALESFORCE_APPROVED_STATUS: text.default('Approved'),
  SALESFORCE_REJECTED_STATUS: text.default('Rejected'),
  SALESFORCE_CLOSED_STATUS: text.default('Closed'),
});

const CREDENTIALS = ['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'] as const;

/**
 * Salesforce is configured when its login URL and client credentials are set; none of them means
 * the local case desk. Some but not all is a configuration mistake and stops start-up, naming what
 * is missing, rather than silently keeping cases on the local desk.
 */
export function salesforceConfigFromEnv(env: Record<string, string | undefined> = process.env): SalesforceConfig | null {
  const values = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('SALESFORCE_') && value !== ''));
  const present = CREDENTIALS.filter((name) => values[name] !== undefined);
  if (present.length === 0) return null;
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Salesforce configuration (set all of ${CREDENTIALS.join(', ')} or none):\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  return {
    loginUrl: data.SALESFORCE_LOGIN_URL.replace(/\/+$/, ''),
    clientId: data.SALESFORCE_CLIENT_ID,
    clientSecret: data.SALESFORCE_CLIENT_SECRET,
    apiVersion: data.SALESFORCE_API_VERSION,
    externalIdField: data.SALESFORCE_EXTERNAL_ID_FIELD,
    approvedStatus: data.SALESFORCE_APPROVED_STATUS,
    rejectedStatus: data.SALESFORCE_REJECTED_STATUS,
    closedStatus: data.SALESFORCE_CLOSED_STATUS,
  };
}
