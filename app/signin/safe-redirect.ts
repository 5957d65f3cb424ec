/**
 * Only paths on this site: a callback URL from the query string must not send the user elsewhere.
 * The proxy passes an absolute URL of this site; only its path, query and fragment are kept.
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target) return '/';
  let path: string;
  try {
    const url = new URL(target, 'http://localhost');
    path = `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/signin')) return '/';
  return path;
}
