// `npm run bench:bundle` (after `next build`): the JavaScript each page makes a browser load, as
// gzip bytes of the scripts its HTML references (noModule polyfills left out: modern browsers skip
// them). Next 16's build no longer prints this.
import { gzipSync } from 'node:zlib';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';

const PAGES: [string, string][] = [
  ['/signin', ''],
  ['/', 'percy@classics.example'],
  ['/requests', 'percy@classics.example'],
  ['/requests/new?tenant=league', 'percy@classics.example'],
  ['/approvals', 'rep@ops.example'],
  ['/admin/access', 'rep@ops.example'],
];

let app: AppServer | undefined;
try {
  app = await startAppServer();
  const sessions = new Map<string, HttpSession>();
  const gzipped = new Map<string, number>();
  console.log('| page | scripts | first-load JS (gzip) |');
  console.log('| --- | ---: | ---: |');
  for (const [pathname, email] of PAGES) {
    let session = sessions.get(email);
    if (!session) {
      session = new HttpSession(app.url);
      if (email) await session.signInWithDemo(email);
      sessions.set(email, session);
    }
    const html = await (await session.fetch(pathname)).text();
    const scripts = [...html.matchAll(/<script(?![^>]*nomodule)[^>]*\ssrc="([^"]+)"/gi)].map((match) => match[1]!);
    let total = 0;
    for (const src of new Set(scripts)) {
      if (!gzipped.has(src)) gzipped.set(src, gzipSync(Buffer.from(await (await fetch(new URL(src, app.url))).arrayBuffer())).length);
      total += gzipped.get(src)!;
    }
    console.log(`| ${pathname} | ${new Set(scripts).size} | ${(total / 1024).toFixed(1)} kB |`);
  }
} finally {
  await app?.stop();
}
