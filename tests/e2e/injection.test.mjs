// Script safety in the browser: the payloads of tests/injection/payloads.json (the same list
// tests/injection.rs reads natively) typed into the app's text fields and opened in a journey
// file, then every export downloaded from the Export menu. Nothing may run and nothing may
// become markup:
//
// - a trap installed before any page script (every page and document of the context):
//   alert/confirm/prompt/print and a global __xss() record a hit, a `securitypolicyviolation`
//   listener records what the page's policy blocked, and a MutationObserver records every
//   <script>, event-handler attribute and javascript:/data:/vbscript: link that appears;
// - a final scan of the DOM for the same, and every request outside loopback refused and
//   recorded;
// - the cards show the payloads as text;
// - each download is byte-identical to the native command line's export of the same journey
//   (which tests/injection.rs reads with real parsers), the framework HTML and the SVG are
//   opened as documents under the same trap, the Mermaid export goes through Mermaid's own
//   parser and renderer, and the CSV and JSON exports open again with every name as typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { start, SHOTS } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAYLOADS = JSON.parse(readFileSync(join(ROOT, 'tests/injection/payloads.json'), 'utf8'));
const MERMAID_DIST = join(ROOT, 'node_modules', 'mermaid', 'dist');

/// Runs in every document before its own scripts.
const TRAP = `(() => {
  const hits = [];
  Object.defineProperty(window, '__hits', { value: hits });
  const hit = (what) => hits.push(String(what).slice(0, 200));
  window.__xss = (w) => hit('__xss(' + w + ')');
  for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = (m) => hit(f + '(' + m + ')');
  document.addEventListener('securitypolicyviolation', (e) =>
    hit('csp ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
  const bad = /^\\s*(javascript|data|vbscript):/i;
  const look = (el) => {
    if (!(el instanceof Element)) return;
    if (el.localName === 'script') {
      const src = el.getAttribute('src');
      if (!src || new URL(src, location.href).origin !== location.origin || el.textContent.trim()) {
        hit('script ' + (src || el.textContent));
      }
    }
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) hit('attribute ' + a.name + '=' + a.value);
      if (/(^|:)(href|src|action|formaction|data|srcdoc)$/.test(a.name) && bad.test(a.value.replace(/[\\u0000-\\u0020]/g, ''))) {
        hit('link ' + a.name + '=' + a.value);
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') look(r.target);
      for (const n of r.addedNodes) {
        look(n);
        if (n.querySelectorAll) n.querySelectorAll('*').forEach(look);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/// The same checks over the whole DOM at the end, in the page.
function scanDom() {
  const found = [];
  const bad = /^\s*(javascript|data|vbscript):/i;
  for (const el of document.querySelectorAll('*')) {
    if (['script', 'iframe', 'object', 'embed', 'base', 'foreignObject'].includes(el.localName)) {
      const src = el.getAttribute('src');
      const ours = el.localName === 'script' && src && new URL(src, location.href).origin === location.origin;
      if (!ours) found.push(`<${el.localName}>`);
    }
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(`${a.name} on <${el.localName}>`);
      if (/(^|:)(href|src|action|formaction|data|srcdoc)$/.test(a.name)
        && bad.test(a.value.replace(/[\u0000-\u0020]/g, ''))) found.push(`${a.name}=${a.value}`);
    }
  }
  return { found, hits: [...window.__hits] };
}

let env, cli, dir, mermaidServer, mermaidOrigin;
before(async () => {
  env = await start();
  dir = mkdtempSync(join(tmpdir(), 'throughline-injection-'));
  mermaidServer = await serve(MERMAID_DIST, 0);
  mermaidOrigin = `http://127.0.0.1:${mermaidServer.address().port}`;
  // The native command line, for byte-identical exports (built by `cargo test` already).
  execFileSync('cargo', ['build', '--quiet', '--bin', 'throughline'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60 * 1000 });
  cli = join(resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'throughline');
});
after(async () => {
  await env?.close();
  if (mermaidServer) await new Promise((ok) => mermaidServer.close(ok));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// A page of the app with the trap, refusing and recording every request off loopback.
async function open() {
  // No service worker: it would answer the exported documents' URLs with the app itself.
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true, serviceWorkers: 'block' });
  await context.addInitScript(TRAP);
  const outside = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('http://127.0.0.1:') || u.startsWith('blob:') || u.startsWith('data:')) return route.fallback();
    outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(env.url);
  await page.waitForSelector('.card', { timeout: 30000 });
  return { context, page, outside, errors, dialogs };
}

async function assertNothingRan(s, where) {
  const { found, hits } = await s.page.evaluate(scanDom);
  assert.deepEqual(found, [], `${where}: markup from the data in the DOM`);
  assert.deepEqual(hits, [], `${where}: something ran or was blocked`);
  assert.deepEqual(s.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(s.outside, [], `${where}: a request left the machine`);
}

const hex = (n) => n.toString(16).padStart(16, '0');

/// A journey file with every payload: a touchpoint per payload holding it in every text field,
/// stages, channels, lanes, partners, departments and personas named by payloads, and a
/// transition per step labelled by one.
function payloadJourney() {
  let next = 0x5afe0000n;
  const id = () => hex(next++);
  const texts = PAYLOADS.map((p) => p.text);
  // Stage names must differ once trimmed and lower-cased.
  const seen = new Set();
  const stageNames = texts.filter((t) => {
    const k = t.trim().toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).slice(0, 7);
  const stages = stageNames.map((name, i) => ({ id: id(), name, goal: texts[(i + 3) % texts.length] }));
  const named = (i) => ({ id: id(), name: texts[i % texts.length] });
  const channels = [0, 1, 2].map((i) => named(i + 10));
  const lanes = [0, 1].map((i) => ({ ...named(i + 20), kind: 'front-stage' }));
  const partners = [{ ...named(30), role: 'installer' }];
  const departments = [named(40), named(41)];
  const personas = [0, 1].map((i) => ({ ...named(i + 50), expectations: texts[i + 60], notes: texts[i + 70] }));
  const touchpoints = texts.map((t, i) => ({
    id: id(),
    name: t,
    stage: stages[i % stages.length].id,
    description: t,
    channel: i % 4 === 3 ? null : channels[i % channels.length].id,
    lane: lanes[i % lanes.length].id,
    delivered_by: i % 5 === 0 ? { by: 'partner', partner: partners[0].id } : { by: 'brand' },
    owner: departments[i % departments.length].id,
    customer_action: t,
    expectation: t,
    emotion: (i % 5) - 2,
    moment_of_truth: i % 6 === 0,
    promise_note: t,
    proof_point: t,
    differentiation_note: t,
    parity: i % 7 === 0,
    experience: i % 2 ? 'tight' : 'loose',
    behaviour: i % 3 ? 'loose' : 'tight',
    latitude_note: t,
    standard_note: t,
    support: { culture: t, people: t, process: t, technology: t },
    pain_points: [t],
    opportunities: [t],
    kpis: [t],
    personas: i % 2 ? [personas[i % 4 === 1 ? 0 : 1].id] : [],
  }));
  const transitions = touchpoints.slice(1).map((t, i) => ({
    id: id(), from: touchpoints[i].id, to: t.id, label: texts[i], kind: 'next', carries_context: i % 2 === 0,
  }));
  return {
    format: 'throughline-journey',
    version: 1,
    journey: {
      title: texts[0], description: texts[1], scope: texts[2], state: 'to-be',
      promise: { statement: texts[3], proof_points: texts.slice(4, 9), customer_values: texts.slice(9, 14) },
      personas, stages, channels, lanes, partners, departments, touchpoints, transitions,
    },
  };
}

/// What the Export menu offers, and the command-line format (and flag) of each.
const EXPORTS = {
  'Design framework (HTML)': ['html'],
  'Design framework (Markdown)': ['md'],
  'Spreadsheet (CSV)': ['csv'],
  'Spreadsheet for Excel (CSV with BOM)': ['csv', '--bom'],
  'Journey map (SVG)': ['svg'],
  'Mermaid journey': ['mermaid'],
  'Graphviz DOT': ['dot'],
  'Journey file (JSON)': ['json'],
};

/// Downloads every item of the Export menu: { label: { path, name, text } }.
async function exportAll(page) {
  const out = {};
  for (const label of Object.keys(EXPORTS)) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem').filter({ hasText: label }).first().click();
    const d = await download;
    const path = join(dir, `${Object.keys(out).length}-${d.suggestedFilename()}`);
    await d.saveAs(path);
    out[label] = { path, name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }
  return out;
}

/// Opens `text` as a document of type `type` from the app's own origin, under the trap, and
/// returns the DOM scan and the document's text.
async function openDocument(s, text, type, name) {
  const url = `${env.url}__injection/${name}`;
  await s.context.route(url, (route) => route.fulfill({ contentType: type, body: text }));
  const page = await s.context.newPage();
  await page.goto(url);
  await page.waitForTimeout(0);
  const result = await page.evaluate(scanDom);
  result.text = await page.evaluate(() => document.documentElement.textContent);
  result.scripts = await page.evaluate(() => document.scripts.length);
  await page.screenshot({ path: join(SHOTS, `injection-${name}.png`) });
  await page.close();
  return result;
}

/// Mermaid's own parser and renderer, with the trap, on a page that loads only Mermaid.
async function mermaidRender(s, text) {
  const page = await s.context.newPage();
  await s.context.route(`${mermaidOrigin}/check.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head><body></body></html>',
  }));
  await page.goto(`${mermaidOrigin}/check.html`);
  const result = await page.evaluate(async (text) => {
    const m = globalThis.mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 10_000_000 });
    let parsed;
    try { parsed = await m.parse(text); } catch (e) { return { error: String(e?.message || e) }; }
    const { svg } = await m.render('journey-svg', text);
    const host = document.createElement('div');
    host.innerHTML = svg;
    document.body.append(host);
    return {
      type: parsed.diagramType,
      tasks: host.querySelectorAll('foreignObject div.task div.label').length,
      sections: [...new Set([...host.querySelectorAll('foreignObject div.journey-section div.label')].map((e) => e.textContent))].length,
      elements: [...new Set([...host.querySelectorAll('*')].map((e) => e.localName))],
    };
  }, text);
  result.scan = await page.evaluate(scanDom);
  await page.close();
  return result;
}

/// A minimal RFC 4180 reader: records of cells.
function csvRecords(text) {
  const rows = [[]];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); i++; } else cell += c;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell); else rows.pop();
  return rows;
}

const formulaStart = (cell) => /^[\t\r]/.test(cell) || /^[=+\-@＝＋－＠]/.test(cell.trimStart());

test('a journey file with every payload opens as text, runs nothing, and every export is safe', async () => {
  const file = payloadJourney();
  const journeyPath = join(dir, 'payloads.json');
  writeFileSync(journeyPath, JSON.stringify(file));
  const s = await open();
  const { page } = s;
  await page.locator('input[type=file]').setInputFiles(journeyPath);
  await page.getByText('Opened payloads.json').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, PAYLOADS.length);
  // Every card shows its payload as text, character for character.
  const names = await page.locator('.card-name').allTextContents();
  for (const p of PAYLOADS) {
    assert.ok(names.some((n) => n.endsWith(p.text)), `a card shows ${JSON.stringify(p.text)}`);
  }
  // The inspector shows one touchpoint's every field; the journey panel every name.
  await page.locator('.card').nth(5).dblclick();
  await page.getByRole('tab', { name: 'Journey' }).click();
  await page.screenshot({ path: join(SHOTS, 'injection-opened.png') });
  await assertNothingRan(s, 'opened file');

  const exports = await exportAll(page);
  for (const [label, args] of Object.entries(EXPORTS)) {
    const text = execFileSync(cli, ['export', journeyPath, '--format', ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    assert.equal(exports[label].text, text, `${label}: the download is the native export tests/injection.rs checks`);
  }

  // The framework and the map, opened as documents: no script, handler or link from the data.
  const html = await openDocument(s, exports['Design framework (HTML)'].text, 'text/html; charset=utf-8', 'framework.html');
  assert.deepEqual(html.found, [], 'framework HTML: markup from the data');
  assert.deepEqual(html.hits, [], 'framework HTML: something ran or was blocked');
  assert.equal(html.scripts, 0);
  for (const p of PAYLOADS.slice(0, 40)) {
    const shown = p.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd').replace(/\r\n?/g, '\n');
    assert.ok(html.text.includes(shown), `framework HTML shows ${JSON.stringify(p.text)}`);
  }
  const svg = await openDocument(s, exports['Journey map (SVG)'].text, 'image/svg+xml', 'map.svg');
  assert.deepEqual(svg.found, [], 'SVG: markup from the data');
  assert.deepEqual(svg.hits, [], 'SVG: something ran or was blocked');
  assert.equal(svg.scripts, 0);

  // Markdown: every character that could open markup is escaped (tests/injection.rs parses
  // the same bytes with pulldown-cmark); the only raw HTML is the table's <br>.
  const md = exports['Design framework (Markdown)'].text;
  const outsideFence = md.replace(/```mermaid\n[\s\S]*?```\n/, '');
  assert.ok(outsideFence.length < md.length, 'Markdown: one Mermaid block');
  assert.doesNotMatch(outsideFence.replaceAll('<br>', ''), /(^|[^\\])[<[]/m, 'Markdown: an unescaped < or [');

  // Mermaid's parser reads it as a journey of exactly our sections and tasks; nothing ran.
  const mm = await mermaidRender(s, exports['Mermaid journey'].text);
  assert.equal(mm.error, undefined, `Mermaid refused the export: ${mm.error}`);
  assert.equal(mm.type, 'journey');
  assert.equal(mm.tasks, PAYLOADS.length, 'one task per touchpoint');
  for (const tag of ['script', 'img', 'a', 'iframe', 'b', 'svg:script']) assert.ok(!mm.elements.includes(tag), `<${tag}> in Mermaid's SVG`);
  assert.deepEqual(mm.scan.hits, [], 'Mermaid: something ran');

  // CSV: one record per touchpoint, every record whole, no text cell a formula.
  for (const label of ['Spreadsheet (CSV)', 'Spreadsheet for Excel (CSV with BOM)']) {
    const rows = csvRecords(exports[label].text.replace(/^\ufeff/, ''));
    assert.equal(rows.length, PAYLOADS.length + 1, `${label}: a record per touchpoint`);
    const head = rows[0];
    const numeric = new Set(['id', 'performance', 'importance', 'emotion', 'consistent', 'intentional', 'differentiated', 'valuable']);
    for (const r of rows.slice(1)) {
      assert.equal(r.length, head.length, `${label}: a whole record`);
      r.forEach((cell, i) => {
        if (!numeric.has(head[i])) assert.ok(!formulaStart(cell), `${label}: ${head[i]} starts like a formula: ${JSON.stringify(cell)}`);
      });
    }
  }

  // The JSON opens again, every touchpoint name as typed. (The CSV is read back natively by
  // tests/injection.rs; the app refuses this one because a payload holds U+FFFD, which the
  // CSV importer takes for a file that was not UTF-8.)
  for (const label of ['Journey file (JSON)']) {
    await page.locator('input[type=file]').setInputFiles(exports[label].path);
    await page.getByText(`Opened ${basename(exports[label].path)}`).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, PAYLOADS.length);
    const again = await page.locator('.card-name').allTextContents();
    const lost = PAYLOADS.filter((p) => !again.some((n) => n.endsWith(p.text)));
    assert.deepEqual(lost.map((p) => p.text), [], `${label}: names read back as typed`);
  }
  await assertNothingRan(s, 'after the exports and re-opening');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('payloads typed into the inspector and the journey panel show as text and run nothing', async () => {
  const s = await open();
  const { page } = s;
  const texts = PAYLOADS.map((p) => p.text);
  let k = 0;
  const nextText = () => texts[k++ % texts.length];
  const typed = [];
  // Every text field of three touchpoints' inspectors, a different payload in each.
  for (let c = 0; c < 3; c++) {
    await page.locator('.card').nth(c).dblclick();
    const panel = page.locator('form.inspector');
    await panel.waitFor();
    const fields = panel.locator('input[type=text], textarea');
    const n = await fields.count();
    for (let i = 0; i < n; i++) {
      const t = nextText();
      await fields.nth(i).fill(t);
      await fields.nth(i).dispatchEvent('change');
      typed.push(t);
    }
  }
  // The journey panel: title, description, scope, promise, lists and every structural name.
  await page.getByRole('tab', { name: 'Journey' }).click();
  const panel = page.locator('form.journey-panel');
  const fields = panel.locator('input[type=text], textarea');
  const n = await fields.count();
  const used = new Set();
  for (let i = 0; i < n; i++) {
    let t = nextText();
    // Names in one list must stay distinct once trimmed (stage names are refused otherwise).
    while (used.has(t.trim().toLowerCase())) t = nextText();
    used.add(t.trim().toLowerCase());
    await fields.nth(i).fill(t);
    await fields.nth(i).dispatchEvent('change');
  }
  assert.ok(k >= 50, `typed ${k} payloads`);
  await page.screenshot({ path: join(SHOTS, 'injection-typed.png') });
  // The first touchpoint's name is shown on its card as typed (an input drops line breaks).
  const firstName = texts[0].replace(/[\r\n]/g, '');
  await page.locator('.card-name').filter({ hasText: firstName.slice(0, 12) }).first().waitFor();
  await assertNothingRan(s, 'typed');

  const exports = await exportAll(page);
  const html = await openDocument(s, exports['Design framework (HTML)'].text, 'text/html; charset=utf-8', 'typed-framework.html');
  assert.deepEqual(html.found, [], 'framework HTML: markup from the data');
  assert.deepEqual(html.hits, [], 'framework HTML: something ran');
  const svg = await openDocument(s, exports['Journey map (SVG)'].text, 'image/svg+xml', 'typed-map.svg');
  assert.deepEqual(svg.found, [], 'SVG: markup from the data');
  assert.deepEqual(svg.hits, [], 'SVG: something ran');
  const mm = await mermaidRender(s, exports['Mermaid journey'].text);
  assert.equal(mm.error, undefined, `Mermaid refused the export: ${mm.error}`);
  assert.deepEqual(mm.scan.hits, [], 'Mermaid: something ran');
  await assertNothingRan(s, 'typed, after the exports');
  assert.deepEqual(s.errors, []);
  await s.context.close();
});

test('the trap itself sees markup that is injected: a handler runs or the policy blocks it', async () => {
  const s = await open();
  await s.page.evaluate(() => {
    const d = document.createElement('div');
    d.innerHTML = '<img src="x" onerror="__xss(1)"><a href="javascript:__xss(2)">x</a>';
    document.body.append(d);
  });
  await s.page.waitForFunction(() => window.__hits.length >= 2);
  const { found, hits } = await s.page.evaluate(scanDom);
  assert.ok(found.some((f) => f.startsWith('onerror')), found.join(' | '));
  assert.ok(found.some((f) => f.startsWith('href=javascript:')), found.join(' | '));
  assert.ok(hits.some((h) => h.startsWith('attribute onerror') || h.startsWith('__xss') || h.startsWith('csp')), hits.join(' | '));
  await s.context.close();
});
