import { describe, expect, it } from 'vitest';
import { CaseDeskError } from '@/lib/salesforce/case-desk';
import { isRetryable, sanitize, toCaseDeskError } from '@/lib/salesforce/salesforce-errors';

/** The shape jsforce gives an error Salesforce reported: errorCode, name and message. */
const apiError = (errorCode: string, message = 'detail') => Object.assign(new Error(message), { name: errorCode, errorCode });

describe('what a Salesforce error means for a case message', () => {
  it('retries rate limits, outages, lock contention and upsert races', () => {
    for (const errorCode of ['REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION', 'UNABLE_TO_LOCK_ROW', 'DUPLICATE_VALUE']) {
      expect(isRetryable({ errorCode, message: '' })).toBe(true);
    }
  });

  it('retries any 5xx, 429 or 420 answer, whatever its code', () => {
    expect(isRetryable({ errorCode: 'ERROR_HTTP_503', message: '' })).toBe(true);
    expect(isRetryable({ errorCode: 'ERROR_HTTP_429', message: '' })).toBe(true);
    expect(isRetryable({ errorCode: 'SOMETHING_NEW', message: '', status: 502 })).toBe(true);
  });

  it('stops on errors that repeat every time: bad field, no access, bad picklist value, missing record', () => {
    for (const errorCode of ['INVALID_FIELD', 'INSUFFICIENT_ACCESS_OR_READONLY', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'NOT_FOUND', 'ERROR_HTTP_400']) {
      expect(isRetryable({ errorCode, message: '' })).toBe(false);
    }
  });

  it('turns jsforce errors into CaseDeskErrors that keep the code and a readable message', () => {
    const error = toCaseDeskError(apiError('INVALID_FIELD', "No such column 'Foo__c' on sobject of type Case"));
    expect(error).toBeInstanceOf(CaseDeskError);
    expect(error).toMatchObject({ retryable: false, code: 'INVALID_FIELD', message: "Salesforce INVALID_FIELD: No such column 'Foo__c' on sobject of type Case" });
  });

  it('takes the first of several errors reported at once', () => {
    const error = Object.assign(apiError('MULTIPLE_API_ERRORS'), { data: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] });
    expect(toCaseDeskError(error)).toMatchObject({ retryable: true, code: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('retries when Salesforce cannot be reached, naming the network error but not the host', () => {
    const fetchError = Object.assign(new Error('request to https://acme.my.salesforce.com/services/data failed, reason: connect ECONNREFUSED'), {
      name: 'FetchError',
      code: 'ECONNREFUSED',
    });
    expect(toCaseDeskError(fetchError)).toMatchObject({ retryable: true, message: 'Salesforce could not be reached (ECONNREFUSED).' });
  });

  it('keeps stored messages to one short line without URLs', () => {
    expect(sanitize('Bad value\n  see https://acme.my.salesforce.com/x?y=1 now')).toBe('Bad value see [url] now');
    expect(sanitize('x'.repeat(500))).toHaveLength(240);
  });
});
