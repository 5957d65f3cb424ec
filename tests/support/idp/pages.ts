import { IDP_ACCOUNTS } from './accounts';

/** The local IdP's own pages: plain HTML with inline styles, nothing loaded from elsewhere. */

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}
main{max-width:26rem;margin:4rem auto;background:#fff;border:1px solid #e4e4e7;border-radius:.5rem;padding:2rem}
h1{font-size:1.25rem;margin:0 0 .25rem}p{font-size:.875rem;color:#52525b}label{display:block;font-size:.875rem;margin-top:1rem}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem;border:1px solid #d4d4d8;border-radius:.375rem}
button{margin-top:1.5rem;width:100%;padding:.625rem;border:0;border-radius:.375rem;background:#4f46e5;color:#fff;font-weight:600}
.error{color:#be123c}ul{font-size:.8rem;color:#52525b;padding-left:1.2rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function loginPage(options: { action: string; clientId: string; email?: string; error?: string }): string {
  const accounts = IDP_ACCOUNTS.map((a) => `<li>${escape(a.email)} (${escape(a.groups.join(', ') || 'no groups')})</li>`).join('');
  return layout(
    'Sign in — local identity provider',
    `<h1>Local identity provider</h1>
<p>Sign in to continue to <strong>${escape(options.clientId)}</strong>. For development and tests only.</p>
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(options.action)}">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required value="${escape(options.email ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p>Every account's password is <code>demo</code>:</p><ul>${accounts}</ul>`,
  );
}

export function errorPage(title: string, details: Record<string, unknown>): string {
  const lines = Object.entries(details)
    .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(String(value))}</p>`)
    .join('');
  return layout(title, `<h1>${escape(title)}</h1>${lines}`);
}
