// Offline use and updates, end to end, in a real (non-incognito) Chromium profile:
//   - after one visit online, the app starts with the browser offline AND the server stopped,
//     shows the journey, adds a touchpoint and exports;
//   - the manifest is complete, its icons load, and Chromium finds the page installable;
//   - a second build (a copy of the build with one more file, finished by the real post-build
//     hook, so it has a new build id) never mixes into a running tab: it waits while old tabs
//     run, is offered with "A new version is ready — Reload", and the tab that did not ask is
//     never reloaded; with every old tab closed, the next visit gets it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { launchPersistentChromium, SHOTS } from './browser.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const DIST = resolve(ROOT, process.env.DIST || 'dist');

let work;
let first; // the build as made
let second; // the same build plus one file, finished again by static/postbuild.mjs

const buildOf = async (dir) =>
  (await readFile(join(dir, 'index.html'), 'utf8')).match(/name="throughline-build" content="([^"]*)"/)[1];

/// Runs the real post-build hook on a finished build directory.
const hook = (dir) => {
  try {
    const out = execFileSync('node', [join(ROOT, 'static', 'postbuild.mjs')], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' },
      stdio: 'pipe',
    });
    return { ok: true, out: String(out) };
  } catch (e) {
    return { ok: false, out: String(e.stderr) };
  }
};

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'throughline-offline-'));
  first = join(work, 'first');
  second = join(work, 'second');
  await cp(DIST, first, { recursive: true });
  await cp(DIST, second, { recursive: true });
  await writeFile(join(second, 'second-build.txt'), 'A change that makes another build.\n');
  const finished = hook(second);
  assert.ok(finished.ok, finished.out);
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the post-build hook: same files, same build; a changed file, a new build; inline script, no build', async () => {
  const again = join(work, 'again');
  await cp(first, again, { recursive: true });
  assert.ok(hook(again).ok);
  assert.equal(await buildOf(again), await buildOf(first), 'finishing the same files again changes nothing');
  const worker = await readFile(join(second, 'sw.js'), 'utf8');
  assert.ok(worker.includes(`const BUILD = '${await buildOf(second)}';`), 'the worker carries the page\'s build');
  assert.ok(worker.includes('"./second-build.txt"'), 'the worker keeps every file of the build');
  const wasm = (await readFile(join(first, 'index.html'), 'utf8')).match(/name="throughline-wasm" content="([^"]*)"/)[1];
  assert.ok(worker.includes(JSON.stringify(wasm)), 'the hashed wasm is kept');

  const html = await readFile(join(again, 'index.html'), 'utf8');
  await writeFile(join(again, 'index.html'), html.replace('</body>', '<script>alert(1)</script></body>'));
  const inline = hook(again);
  assert.equal(inline.ok, false, 'a release build with inline script fails');
  assert.match(inline.out, /inline script/);
  await writeFile(join(again, 'index.html'), html.replace('<body>', '<body onload="go()">'));
  assert.equal(hook(again).ok, false, 'an inline event handler fails it too');
});

/// A loopback server that can be stopped for real (open keep-alive connections too).
async function server(root, port = 0) {
  const s = await serve(root, port);
  return {
    port: s.address().port,
    url: `http://127.0.0.1:${s.address().port}/`,
    async stop() {
      s.closeAllConnections();
      await new Promise((ok) => s.close(ok));
    },
  };
}

/// A persistent profile: Chromium does not offer installation in incognito contexts.
async function profile() {
  const dir = await mkdtemp(join(work, 'profile-'));
  const context = await launchPersistentChromium(dir, {
    viewport: { width: 1400, height: 850 },
    acceptDownloads: true,
  });
  return context;
}

async function openControlled(context, url, page) {
  page = page || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('.card', { timeout: 30000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  return { page, errors };
}

const pageBuild = (page) => page.evaluate(() => document.querySelector('meta[name="throughline-build"]').content);
/// The build of the worker that answers this page's requests.
const workerBuild = (page) => page.evaluate(() => new Promise((ok) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => ok(e.data.build);
  navigator.serviceWorker.controller.postMessage({ type: 'BUILD' }, [channel.port2]);
}));

test('after one visit the app starts and works with no network and no server', { timeout: 90000 }, async () => {
  const site = await server(first);
  const context = await profile();
  try {
    const { page } = await openControlled(context, site.url);
    const build = await buildOf(first);
    assert.equal(await workerBuild(page), build);

    // Installable: the manifest is complete and Chromium agrees.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium finds the page installable');
    const { url: manifestUrl, errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, []);
    const manifest = JSON.parse(await readFile(join(first, new URL(manifestUrl).pathname), 'utf8'));
    for (const field of ['name', 'short_name', 'start_url', 'display', 'theme_color', 'background_color', 'icons']) {
      assert.ok(manifest[field], `manifest has ${field}`);
    }
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, './');
    const css = await readFile(join(ROOT, 'static', 'style.css'), 'utf8');
    assert.ok(css.includes(`--accent: ${manifest.theme_color}`), 'theme colour is the app bar colour');
    assert.ok(css.includes(`--paper: ${manifest.background_color}`), 'background colour is the page colour');
    for (const size of ['192x192', '512x512']) {
      assert.ok(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png'), `a ${size} PNG icon`);
    }
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, manifestUrl));
      assert.equal(res.status, 200, icon.src);
      assert.equal(res.headers.get('content-type'), icon.type, icon.src);
      const body = Buffer.from(await res.arrayBuffer());
      if (icon.type === 'image/png') {
        // PNG header: width and height are the first fields of IHDR.
        assert.equal(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.sizes, `${icon.src} is ${icon.sizes}`);
      }
    }

    // The network goes, and so does the server: nothing can answer but the offline copy.
    await site.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.card', { timeout: 30000 });
    assert.match(await page.locator('h1').innerText(), /Getting broadband/);
    assert.equal(await page.locator('.card').count(), 21);
    assert.equal(await pageBuild(page), build);

    await page.getByRole('button', { name: 'Add touchpoint', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('Written on a train');
    await page.locator('.card', { hasText: 'Written on a train' }).waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Journey file (JSON)' }).click();
    const file = join(SHOTS, 'offline-export.json');
    await (await download).saveAs(file);
    assert.match(await readFile(file, 'utf8'), /Written on a train/);

    // A second tab opened offline starts too.
    const other = await context.newPage();
    await other.goto(site.url);
    await other.waitForSelector('.card', { timeout: 30000 });
    await page.screenshot({ path: join(SHOTS, 'offline.png') });
  } finally {
    await context.close();
    await site.stop().catch(() => {});
  }
});

test('a new build waits for consent, never reloads a tab that did not ask, and never mixes', { timeout: 90000 }, async () => {
  let site = await server(first);
  const port = site.port;
  const context = await profile();
  const old = await buildOf(first);
  const next = await buildOf(second);
  assert.notEqual(old, next, 'the second build has its own id');
  try {
    // Tab B is the first visit (uncontrolled until the first worker claims it), tab A opens
    // under the worker: the banner must work for both kinds of tab.
    const b = await openControlled(context, site.url);
    const a = await openControlled(context, site.url);
    // Unsaved work in tab B stands for "this tab must not reload by itself".
    await b.page.evaluate(() => { window.__tabB = 'still here'; });

    // The server now has the second build (same origin). Tab A checks for an update.
    await site.stop();
    site = await server(second, port);
    await a.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await a.page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null), null, { timeout: 30000 });

    // Both old tabs are offered the update; both still run, and are served by, the old build.
    for (const { page } of [a, b]) {
      await page.getByRole('status').filter({ hasText: 'A new version of Throughline is ready.' }).waitFor({ timeout: 10000 });
      assert.equal(await pageBuild(page), old);
      assert.equal(await workerBuild(page), old);
    }
    // A tab opened now still gets the old build: the new one waits while old tabs run.
    const c = await openControlled(context, site.url);
    assert.equal(await pageBuild(c.page), old);
    await c.page.close();
    await a.page.screenshot({ path: join(SHOTS, 'update-banner.png') });

    // Tab A takes the update with the keyboard: Tab to "Reload", Enter.
    const reload = a.page.getByRole('button', { name: 'Reload', exact: true });
    await reload.focus();
    const reloaded = a.page.waitForEvent('load');
    await a.page.keyboard.press('Enter');
    await reloaded;
    await a.page.waitForSelector('.card', { timeout: 30000 });
    assert.equal(await pageBuild(a.page), next, 'the tab that asked runs the new build');
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.equal(await workerBuild(a.page), next);
    assert.equal(await a.page.getByRole('status').filter({ hasText: 'new version' }).count(), 0);

    // Tab B was not reloaded: its work is there, it still runs the old build, and it is told.
    await b.page.getByRole('status').filter({ hasText: 'updated in another tab' }).waitFor({ timeout: 10000 });
    assert.equal(await b.page.evaluate(() => window.__tabB), 'still here');
    assert.equal(await pageBuild(b.page), old);
    // "Later" dismisses the banner and leaves the tab as it is.
    await b.page.getByRole('button', { name: /^Later/ }).click();
    assert.equal(await b.page.getByRole('status').filter({ hasText: 'another tab' }).count(), 0);
    assert.equal(await b.page.evaluate(() => window.__tabB), 'still here');

    // Only the new build's cache is left.
    const caches = await a.page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`throughline-${next}`]);
    assert.deepEqual(a.errors, []);
  } finally {
    await context.close();
    await site.stop().catch(() => {});
  }
});

test('with every old tab closed, the next visit gets the new build without asking', { timeout: 90000 }, async () => {
  let site = await server(first);
  const port = site.port;
  const context = await profile();
  const next = await buildOf(second);
  try {
    const { page } = await openControlled(context, site.url);
    assert.equal(await pageBuild(page), await buildOf(first));
    await site.stop();
    site = await server(second, port);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null), null, { timeout: 30000 });
    // Keep the profile open with a blank tab, close the app's only tab, and wait for Chromium
    // to say the waiting worker took over (the old one is then redundant).
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const status = new Map();
    const takenOver = new Promise((ok) => cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) status.set(v.versionId, v.status);
      const all = [...status.values()];
      if (all.includes('redundant') && all.includes('activated')) ok();
    }));
    await cdp.send('ServiceWorker.enable');
    await page.close();
    await takenOver;
    const fresh = await openControlled(context, site.url, blank);
    assert.equal(await pageBuild(fresh.page), next);
    assert.equal(await workerBuild(fresh.page), next);
    assert.equal(await fresh.page.getByRole('status').filter({ hasText: 'new version' }).count(), 0);
  } finally {
    await context.close();
    await site.stop().catch(() => {});
  }
});
