/**
 * What the request page says once it opens after an action on it (`?notice=`): the request was
 * received, information was added, it was decided, or it was cancelled. The page words it from the
 * request's status then, and drops the parameter from the address so that a reload does not repeat it.
 */
export const REQUEST_NOTICES = ['submitted', 'information', 'decided', 'cancelled'] as const;
export type RequestNotice = (typeof REQUEST_NOTICES)[number];

export function isRequestNotice(value: unknown): value is RequestNotice {
  return typeof value === 'string' && (REQUEST_NOTICES as readonly string[]).includes(value);
}

export function requestPageWithNotice(requestId: string, notice: RequestNotice): string {
  return `/requests/${requestId}?notice=${notice}`;
}
