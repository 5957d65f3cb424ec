/** An API error as the client sees it: SPEC §5's code and sentence, and the HTTP status. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The SWR fetcher of the JSON API: the body on success, an ApiError with the server's sentence otherwise. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.ok) return (await response.json()) as T;
  let code = 'internal';
  let message = 'The server could not answer. Try again in a moment.';
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not the API's error shape (a proxy or gateway page): keep the generic sentence.
  }
  if (response.status === 401) message = 'Your session has ended. Sign in again.';
  throw new ApiError(response.status, code, message);
}
