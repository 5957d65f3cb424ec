import { text } from './text';

/** A tenant id wherever one comes in: forms, actions, the API's bodies and queries, pages' addresses. */
export const tenantIdSchema = text().min(1, 'Choose a tenant.').max(200, 'Not a tenant id.');
