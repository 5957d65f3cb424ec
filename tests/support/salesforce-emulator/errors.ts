/** An error as Salesforce's REST API reports it: an HTTP status and `[{ message, errorCode, fields }]`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  body(): unknown[] {
    return [{ message: this.message, errorCode: this.errorCode, fields: this.fields }];
  }
}

export const notFound = () => new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const sessionInvalid = () => new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const requestLimitExceeded = () => new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
export const unknownException = () =>
  new RestError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)');
export const invalidField = (field: string, entity: string) =>
  new RestError(400, 'INVALID_FIELD', `No such column '${field}' on sobject of type ${entity}`);
export const malformedId = (id: string) => new RestError(400, 'MALFORMED_ID', `Case ID: id value of incorrect type: ${id}`);
