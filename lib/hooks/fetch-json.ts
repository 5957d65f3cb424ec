/**
 * An API error as the client sees it: SPEC §5's code, the HTTP status, and the server's sentence.
 * The server words its sentence in the reader's language; when there is none (a proxy's page, an
 * unreachable server) `worded` is false and `message` is only for logs: the screen words it itself.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly worded: boolean;

  constructor(status: number, code: string, message: string, worded = true) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.worded = worded;
  }
}

/** The SWR fetcher of the JSON API: the body on success, an ApiError with the server's sentence otherwise. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.ok) return (await response.json()) as T;
  let code = 'internal';
  let message: string | null = null;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not the API's error shape (a proxy or gateway page): the screen says the server could not answer.
  }
  throw new ApiError(response.status, code, message ?? `HTTP ${response.status} without an API error`, message !== null);
}
