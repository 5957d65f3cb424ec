// `npm run bench:bundle` (after `next build`): the JavaScript each page makes a browser load, as
// gzip bytes of the scripts its HTML references (noModule polyfills left out: modern browsers skip
// them). Next 16's build no longer prints this.
// The budget (issue 13): at most 60 kB gzip above the framework's floor, the scripts every page
// loads (React, Next's runtime, the root layout). `--strict` exits 1 when a page is over it.
import { gzipSync } from 'node:zlib';
import { type AppServer, startAppServer } from '../support/app-server';
import { HttpSession } from '../support/http-session';

const BUDGET_ABOVE_FLOOR_KB = 60;

const PAGES: [string, string][] = [
  ['/signin', ''],
  ['/', 'percy@classics.example'],
  ['/tenants/league', 'percy@classics.example'],
  ['/requests', 'percy@classics.example'],
  ['/requests/new?tenant=league', 'percy@classics.example'],
  ['/approvals', 'rep@ops.example'],
  ['/admin/access', 'rep@ops.example'],
];

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

let app: AppServer | undefined;
let over = 0;
try {
  app = await startAppServer();
  const sessions = new Map<string, HttpSession>();
  const gzipped = new Map<string, number>();
  const pages: { pathname: string; scripts: Set<string> }[] = [];
  for (const [pathname, email] of PAGES) {
    let session = sessions.get(email);
    if (!session) {
      session = new HttpSession(app.url);
      if (email) await session.signInWithDemo(email);
      sessions.set(email, session);
    }
    const html = await (await session.fetch(pathname)).text();
    const scripts = new Set([...html.matchAll(/<script(?![^>]*nomodule)[^>]*\ssrc="([^"]+)"/gi)].map((match) => match[1]!));
    for (const src of scripts) {
      if (!gzipped.has(src)) gzipped.set(src, gzipSync(Buffer.from(await (await fetch(new URL(src, app.url))).arrayBuffer())).length);
    }
    pages.push({ pathname, scripts });
  }
  const size = (scripts: Iterable<string>) => [...scripts].reduce((total, src) => total + gzipped.get(src)!, 0);
  const floor = new Set([...pages[0]!.scripts].filter((src) => pages.every((page) => page.scripts.has(src))));
  console.log(`The framework's floor (scripts on every page): ${floor.size} scripts, ${kB(size(floor))}. Budget: ${BUDGET_ABOVE_FLOOR_KB} kB above it.`);
  console.log('| page | scripts | first-load JS (gzip) | above the floor | within budget |');
  console.log('| --- | ---: | ---: | ---: | :---: |');
  for (const { pathname, scripts } of pages) {
    const above = size([...scripts].filter((src) => !floor.has(src)));
    const within = above <= BUDGET_ABOVE_FLOOR_KB * 1024;
    if (!within) over += 1;
    console.log(`| ${pathname} | ${scripts.size} | ${kB(size(scripts))} | ${kB(above)} | ${within ? 'yes' : 'NO'} |`);
  }
} finally {
  await app?.stop();
}
if (over > 0 && process.argv.includes('--strict')) process.exit(1);
