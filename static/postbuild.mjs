// Trunk post_build hook (Trunk.toml [[hooks]]): finishes the offline copy and checks the page's
// Content-Security-Policy promise. Runs in Trunk's staging directory, after index.html is written
// and before the build becomes dist/.
//
//   - BUILD: a hash of every file the build serves (index.html without its own build mark) and
//     of static/sw.js.
//     Identical builds get the same BUILD; any change gets a new one, hence a new cache name and
//     a new service worker.
//   - sw.js: written from static/sw.js with BUILD and the list of files to keep offline.
//   - index.html: <meta name="throughline-build"> gets BUILD (boot.js reads it; tests use it).
//   - Release builds fail if index.html holds an inline script or an inline event handler: the
//     CSP in static/index.html forbids both, so such a page would not start.
//
// Idempotent: run it again on a finished dist (TRUNK_STAGING_DIR=dist) and it gives the same
// result, or a new BUILD if a file changed.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const STAGING = process.env.TRUNK_STAGING_DIR;
const PROFILE = process.env.TRUNK_PROFILE || 'release';
if (!STAGING) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run by Trunk, or set it to a dist directory)');
  process.exit(2);
}

const WORKER = 'sw.js';
const BUILD_MARK = /(<meta\s+name="throughline-build"\s+content=")[^"]*(")/;

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

const paths = (await filesUnder(STAGING))
  .map((p) => relative(STAGING, p).split(sep).join('/'))
  .filter((p) => p !== WORKER)
  .sort();

const htmlPath = join(STAGING, 'index.html');
let html = await readFile(htmlPath, 'utf8');
if (!BUILD_MARK.test(html)) {
  console.error('postbuild: index.html has no <meta name="throughline-build" content="...">');
  process.exit(1);
}

// Inline script check (what the CSP would block at run time, caught at build time instead).
const inline = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const attrs = m[1];
  const isData = /\btype\s*=\s*"?application\/(ld\+)?json/i.test(attrs);
  if (!/\bsrc\s*=/.test(attrs) && !isData && m[2].trim() !== '') inline.push(m[0].slice(0, 80));
}
for (const m of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)) inline.push(m[0].slice(0, 80));
if (inline.length > 0) {
  const what = `index.html has inline script the Content-Security-Policy blocks:\n  ${inline.join('\n  ')}`;
  if (PROFILE === 'release') {
    console.error(`postbuild: ${what}`);
    process.exit(1);
  }
  // `trunk serve` injects its inline live-reload script into debug builds; the CSP blocks it,
  // and the app still runs.
  console.warn(`postbuild (debug, not fatal): ${what}`);
}

// The worker's own code counts too: a changed worker is a new build.
const template = await readFile(join(HERE, WORKER));
const hash = createHash('sha256').update(WORKER).update('\0').update(template);
for (const p of paths) {
  let body = await readFile(join(STAGING, p));
  if (p === 'index.html') body = Buffer.from(html.replace(BUILD_MARK, '$1$2'));
  hash.update(p).update('\0').update(String(body.length)).update('\0').update(body);
}
const build = `${PROFILE === 'release' ? '' : 'debug-'}${hash.digest('hex').slice(0, 16)}`;

html = html.replace(BUILD_MARK, `$1${build}$2`);
await writeFile(htmlPath, html);

// Every file of the build, relative to the worker (scope ./), the start page first.
const files = ['./', ...paths.map((p) => `./${p}`)];
const BUILD_LINE = /const BUILD = '[^']*';/;
const FILES_LINE = /const FILES = \[[^\]]*\];/;
let worker = template.toString('utf8');
if (!BUILD_LINE.test(worker) || !FILES_LINE.test(worker)) {
  console.error('postbuild: static/sw.js has no BUILD or FILES line to fill in');
  process.exit(1);
}
worker = worker
  .replace(BUILD_LINE, `const BUILD = '${build}';`)
  .replace(FILES_LINE, `const FILES = ${JSON.stringify(files, null, 2)};`);
await writeFile(join(STAGING, WORKER), worker);
console.log(`postbuild: build ${build}, ${files.length} files kept for offline use`);
