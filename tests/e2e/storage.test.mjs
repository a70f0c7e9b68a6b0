// Storage the user can trust: two tabs on one journey, a tab killed mid-edit, a full quota,
// storage written by an older and by a newer version, and a panic in the wasm. Every case
// checks what was kept and that nothing was overwritten without the user choosing it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { start, SHOTS } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const DOC = 'throughline.v1.doc.';
const STAMP = 'throughline.v1.stamp.';

async function newContext() {
  return env.browser.newContext({ viewport: { width: 1400, height: 850 }, acceptDownloads: true });
}

async function open(context, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url + query);
  await page.waitForSelector('h1.journey-title', { timeout: 30000 });
  return { page, errors };
}

const title = (page) => page.locator('h1.journey-title').innerText();
async function titleIs(page, text, timeout = 5000) {
  await page.waitForFunction((t) => document.querySelector('h1.journey-title')?.firstChild?.textContent === t,
    text, { timeout });
}
const setTitle = (page, text) => page.getByLabel('Journey title').fill(text);

// What storage holds for the open journey, read in the page.
async function stored(page) {
  return page.evaluate(([DOC]) => {
    const id = localStorage.getItem('throughline.v1.current');
    const text = localStorage.getItem(DOC + id);
    return { id, text, title: text && JSON.parse(text).journey?.title };
  }, [DOC]);
}
async function storedTitleIs(page, text) {
  await page.waitForFunction(([DOC, t]) => {
    const id = localStorage.getItem('throughline.v1.current');
    const s = localStorage.getItem(DOC + id);
    return s && JSON.parse(s).journey?.title === t;
  }, [DOC, text], { timeout: 5000 });
}

// A switch to stand in for "this tab's save has not happened yet" or "the disk is full":
// while window.__failWrites is set, every localStorage write throws QuotaExceededError.
const failWrites = () => {
  const real = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.__failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return real.call(this, k, v);
  };
};

// Two tabs of one browser on the same journey: A opens first and saves the sample, B opens
// the journey A left current.
async function twoTabs() {
  const context = await newContext();
  await context.addInitScript(failWrites);
  const a = await open(context);
  await setTitle(a.page, 'Shared journey');
  await storedTitleIs(a.page, 'Shared journey');
  const b = await open(context);
  await titleIs(b.page, 'Shared journey');
  return { context, a: a.page, b: b.page, errors: [...a.errors, ...b.errors] };
}

// A has an edit it could not save yet when B saves: A must stop and ask.
async function conflict(a, b, round = '') {
  await a.evaluate(() => { window.__failWrites = true; });
  await setTitle(a, 'Edited in tab A' + round);
  await setTitle(b, 'Edited in tab B' + round);
  await storedTitleIs(b, 'Edited in tab B' + round);
  const banner = a.locator('.notice.conflict');
  await banner.waitFor({ timeout: 5000 });
  await a.evaluate(() => { window.__failWrites = false; });
  return banner;
}

test('two tabs: an idle tab shows the other tab\'s changes; undo cannot reach past them', async () => {
  const { context, a, b, errors } = await twoTabs();
  await setTitle(b, 'Renamed in tab B');
  await titleIs(a, 'Renamed in tab B');
  await a.getByText('This journey was changed in another tab').waitFor();
  assert.equal(await a.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), true,
    'undo history starts again from the other tab\'s version');
  // Deleting a touchpoint in A travels back to B the same way.
  const cards = await a.locator('.card').count();
  await a.locator('.card').first().click();
  await a.keyboard.press('Delete');
  await b.waitForFunction((n) => document.querySelectorAll('.card').length === n, cards - 1, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: unsaved edits are never overwritten; "Keep mine" replaces theirs in both tabs', async () => {
  const { context, a, b } = await twoTabs();
  const banner = await conflict(a, b);
  assert.match(await banner.innerText(), /changed in another tab while you were editing it here/);
  await titleIs(a, 'Edited in tab A');
  // Saving in A is paused: a further edit in A does not reach storage.
  await setTitle(a, 'Edited in tab A again');
  await a.waitForTimeout(800);
  assert.equal((await stored(a)).title, 'Edited in tab B', 'tab B\'s version was not overwritten');
  await a.screenshot({ path: join(SHOTS, 'storage-two-tabs-conflict.png') });

  await banner.getByRole('button', { name: 'Keep mine (replace theirs)' }).click();
  await storedTitleIs(a, 'Edited in tab A again');
  await titleIs(b, 'Edited in tab A again');
  assert.equal(await a.locator('.notice.conflict').count(), 0);
  await context.close();
});

test('two tabs: "Load the other tab\'s version" and "Save mine as a copy"', async () => {
  const { context, a, b } = await twoTabs();
  let banner = await conflict(a, b);
  await banner.getByRole('button', { name: 'Load the other tab\'s version' }).click();
  await titleIs(a, 'Edited in tab B');
  assert.equal((await stored(a)).title, 'Edited in tab B');

  banner = await conflict(a, b, ', round 2');
  const before = (await stored(a)).id;
  await banner.getByRole('button', { name: 'Save mine as a copy' }).click();
  await titleIs(a, 'Edited in tab A, round 2 (copy)');
  await storedTitleIs(a, 'Edited in tab A, round 2 (copy)');
  const after = await stored(a);
  assert.notEqual(after.id, before, 'the copy has a storage key of its own');
  const theirs = await a.evaluate(([k]) => JSON.parse(localStorage.getItem(k)).journey.title, [DOC + before]);
  assert.equal(theirs, 'Edited in tab B, round 2', 'the other tab\'s version is where it was');
  await context.close();
});

test('two tabs saving in the same moment: the overwritten tab is told, and keeps its version', async () => {
  const { context, a, b } = await twoTabs();
  // What tab B would write if it had not yet seen A's last save: a version made from the one
  // before it. Captured before A saves, written from B after.
  const base = await stored(a);
  await setTitle(a, 'Saved in tab A');
  await storedTitleIs(a, 'Saved in tab A');
  await b.evaluate(([DOC, STAMP, base]) => {
    const fnv = (s) => {
      let h = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(s)) {
        h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
      }
      return h.toString(16).padStart(16, '0');
    };
    const file = JSON.parse(base.text);
    file.journey.title = 'Saved in tab B at the same moment';
    const text = JSON.stringify(file);
    localStorage.setItem(STAMP + base.id, JSON.stringify({ hash: fnv(text), made_from: [fnv(base.text)] }));
    localStorage.setItem(DOC + base.id, text);
  }, [DOC, STAMP, base]);
  const banner = a.locator('.notice.conflict');
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /at the same moment/);
  await titleIs(a, 'Saved in tab A');
  await banner.getByRole('button', { name: 'Save mine as a copy' }).click();
  await storedTitleIs(a, 'Saved in tab A (copy)');
  const theirs = await a.evaluate(([k]) => JSON.parse(localStorage.getItem(k)).journey.title, [DOC + base.id]);
  assert.equal(theirs, 'Saved in tab B at the same moment');
  await context.close();
});

test('two tabs: a journey deleted in the other tab is not brought back without asking', async () => {
  const { context, a, b } = await twoTabs();
  const id = (await stored(a)).id;
  b.once('dialog', (d) => d.accept());
  await b.getByRole('button', { name: 'Journeys', exact: true }).click();
  await b.getByRole('button', { name: 'Delete Shared journey' }).click();
  const banner = a.locator('.notice.conflict');
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /deleted in another tab/);
  await setTitle(a, 'Still editing after the delete');
  await a.waitForTimeout(800);
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), DOC + id), null, 'not saved back silently');
  await banner.getByRole('button', { name: 'Keep it (save it again)' }).click();
  await a.waitForFunction((k) => localStorage.getItem(k)?.includes('Still editing after the delete'), DOC + id, { timeout: 5000 });
  await context.close();
});

test('a tab killed mid-edit (no pagehide) loses nothing older than a second', async () => {
  const context = await newContext();
  const { page } = await open(context);
  await page.evaluate(() => addEventListener('pagehide', () => localStorage.setItem('e2e.pagehide', 'ran')));
  await setTitle(page, 'Typed a second before the crash');
  await page.locator('.card').first().click();
  await page.keyboard.press('Delete');
  const cards = await page.locator('.card').count();
  await page.waitForTimeout(1000);
  // Page.crash kills the renderer: no pagehide, no visibilitychange, no unload. It never
  // answers, so its reply is not awaited.
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash', { timeout: 10000 });
  cdp.send('Page.crash').catch(() => {});
  await crashed;

  const { page: again } = await open(context);
  await titleIs(again, 'Typed a second before the crash');
  assert.equal(await again.locator('.card').count(), cards);
  assert.equal(await again.evaluate(() => localStorage.getItem('e2e.pagehide')), null,
    'the page died without pagehide, so the regular saves kept the edits');
  await context.close();
});

test('storage full: a warning, a download, nothing lost in memory, and saving resumes by itself', async () => {
  const context = await newContext();
  await context.addInitScript(failWrites);
  const { page } = await open(context);
  await page.evaluate(() => { window.__failWrites = true; });
  await setTitle(page, 'Edited while storage is full');
  const alert = page.getByRole('alert').filter({ hasText: 'Could not save' });
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.innerText(), /browser storage is full/);
  await titleIs(page, 'Edited while storage is full');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file', exact: true }).click();
  const file = join(SHOTS, 'storage-full-save-file.json');
  await (await download).saveAs(file);
  assert.equal(JSON.parse(await readFile(file, 'utf8')).journey.title, 'Edited while storage is full');

  // Space comes back; no further edit: the retry timer saves and the warning goes.
  await page.evaluate(() => { window.__failWrites = false; });
  await alert.waitFor({ state: 'detached', timeout: 8000 });
  await storedTitleIs(page, 'Edited while storage is full');
  await context.close();
});

// Storage as another version of the app left it, written once before the app first starts.
const seed = (entries) => {
  if (localStorage.getItem('e2e.seeded')) return;
  for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  localStorage.setItem('e2e.seeded', '1');
};

test('a journey stored by an older version (format 0) opens, and is migrated only when edited', async () => {
  const v0 = await readFile(join(import.meta.dirname, '..', 'fixtures', 'journey-v0.json'), 'utf8');
  const context = await newContext();
  await context.addInitScript(seed, {
    [DOC + 'old0000000000000']: v0,
    'throughline.v1.current': 'old0000000000000',
    'throughline.v1.index': JSON.stringify([{ id: 'old0000000000000', title: 'Renewing home insurance', saved: 0 }]),
  });
  const { page, errors } = await open(context);
  await titleIs(page, 'Renewing home insurance');
  assert.equal(await page.locator('.card').count(), JSON.parse(v0).touchpoints.length);
  await page.waitForTimeout(600);
  assert.equal((await stored(page)).text, v0, 'opening alone does not rewrite it');
  await setTitle(page, 'Renewing home insurance, edited');
  await storedTitleIs(page, 'Renewing home insurance, edited');
  assert.equal(JSON.parse((await stored(page)).text).version, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a journey stored by a newer version is refused by name and never wiped', async () => {
  const future = JSON.stringify({ format: 'throughline-journey', version: 7, journey: { title: 'From the future', hologram: true } });
  const context = await newContext();
  await context.addInitScript(seed, {
    [DOC + 'future0000000000']: future,
    'throughline.v1.current': 'future0000000000',
    'throughline.v1.index': JSON.stringify([{ id: 'future0000000000', title: 'From the future', saved: 0, colour: 'new field' }]),
  });
  const { page } = await open(context);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /newer version of Throughline \(file format version 7\)/);
  // Keep working: edit, start another journey, edit that; the index is rewritten each time.
  await setTitle(page, 'Working meanwhile');
  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  await page.getByRole('menuitem', { name: /Blank journey/ }).click();
  await setTitle(page, 'Another journey');
  await storedTitleIs(page, 'Another journey');
  // Opening it from the list is refused with the version, and changes nothing.
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await page.getByRole('menu').getByRole('button', { name: 'From the future', exact: true }).click();
  await page.getByText(/file format version 7/).first().waitFor();
  await titleIs(page, 'Another journey');
  await page.reload();
  await page.waitForSelector('h1.journey-title');
  await page.waitForTimeout(600);
  const after = await page.evaluate(([k]) => ({
    text: localStorage.getItem(k),
    index: JSON.parse(localStorage.getItem('throughline.v1.index')).map((d) => d.title),
  }), [DOC + 'future0000000000']);
  assert.equal(after.text, future, 'byte for byte as the newer version wrote it');
  assert.deepEqual(after.index.sort(), ['Another journey', 'From the future', 'Working meanwhile']);
  await context.close();
});

test('a panic shows a banner with a working Save file and Reload, and no markup from the message', async () => {
  const context = await newContext();
  const { page } = await open(context, '?panic-test');
  await page.locator('.card').first().click();
  await page.keyboard.press('Delete');
  const cards = await page.locator('.card').count();
  await page.waitForTimeout(600);
  // The last edit is not in storage yet when the panic comes: Save file must still have it.
  await setTitle(page, 'Just before the panic');
  await page.keyboard.press('Control+Alt+Shift+F12');
  const banner = page.locator('#crash');
  await banner.waitFor({ timeout: 5000 });
  assert.match(await banner.innerText(), /Throughline has stopped/);
  assert.match(await banner.innerText(), /<b>markup stays text<\/b>/, 'the message is shown as text');
  assert.equal(await banner.locator('b').count(), 0, 'and never becomes markup');
  await page.screenshot({ path: join(SHOTS, 'panic-banner.png') });

  const download = page.waitForEvent('download');
  await banner.getByRole('link', { name: 'Save file' }).click();
  const file = join(SHOTS, 'panic-save-file.json');
  await (await download).saveAs(file);
  const saved = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(saved.journey.title, 'Just before the panic');
  assert.equal(saved.journey.touchpoints.length, cards);

  await banner.getByRole('link', { name: 'Reload' }).click();
  await page.waitForSelector('h1.journey-title', { timeout: 30000 });
  assert.equal(new URL(page.url()).search, '', 'the reload drops the test trigger');
  assert.equal(await page.locator('#crash').count(), 0);
  // Storage has everything older than the save delay: the deleted card stays deleted.
  assert.equal(await page.locator('.card').count(), cards);
  await context.close();
});
