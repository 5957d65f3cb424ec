/** The digest pages' error boundaries recognise: it survives to the browser, unlike messages. */
export const UNAVAILABLE_DIGEST = 'SSPM_DATABASE_UNAVAILABLE';

export const isUnavailableDigest = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { digest?: unknown }).digest === UNAVAILABLE_DIGEST;
