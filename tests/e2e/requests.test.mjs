// Every request during a full round of use stays inside the app, and the page's
// Content-Security-Policy is met (no violation) and enforced (what it forbids is refused).
//
// The round: load, wait for the offline copy (service worker), start a template, add a
// touchpoint, edit fields, connect, run insights, tint by a measure, export every format in the
// Export menu, save the file, open the JSON, CSV and Mermaid exports back through "Open file",
// reload (now from the offline copy). There is no print view in the app: printing is done from
// the exported HTML framework (tests/e2e/print.test.mjs).
//
// Recorded: every request the browser makes (pages and, with Playwright's service-worker network
// events, the worker), every request the loopback server receives, CSP violations (a
// `securitypolicyviolation` listener installed before any page script), console errors and page
// errors. The log goes to test-results/requests.log.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1'; // before Playwright starts

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { launchChromium, SHOTS } from './browser.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const dist = resolve(ROOT, process.env.DIST || 'dist');

let server;
let browser;
let origin;
const served = []; // what reached the server: "METHOD /path"

before(async () => {
  server = await serve(dist, 0);
  server.on('request', (req, res) => res.on('finish', () => served.push(`${req.method} ${req.url} ${res.statusCode}`)));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

/// Installed before any page script: records CSP violations and every blob: URL the page makes.
function watchPage() {
  window.__violations = [];
  window.__blobs = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
  const make = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = make.call(URL, object);
    window.__blobs.push(url);
    return url;
  };
}

async function newApp(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true, ...options });
  await context.addInitScript(watchPage);
  const requests = [];
  context.on('request', (r) => {
    const from = r.serviceWorker() ? 'service-worker' : 'page';
    const entry = { method: r.method(), url: r.url(), type: r.resourceType(), from, answer: 'pending' };
    requests.push(entry);
    r.response().then(
      (res) => { entry.answer = res ? `${res.status()}${res.fromServiceWorker() ? ' from-offline-copy' : ''}` : 'none'; },
      () => { entry.answer = 'failed'; },
    );
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  return { context, page, requests, errors };
}

const card = (page, name) => page.locator('.card', { hasText: name });

async function exportAll(page) {
  const files = [];
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const labels = await page.getByRole('menu').getByRole('menuitem').evaluateAll((items) =>
    items.map((i) => i.childNodes[0].textContent));
  await page.keyboard.press('Escape');
  assert.ok(labels.length >= 8, `every export format is offered: ${labels.join(', ')}`);
  for (const label of labels) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: label }).click();
    const d = await download;
    const path = join(SHOTS, `requests-${d.suggestedFilename()}`);
    await d.saveAs(path);
    files.push({ label, path, name: d.suggestedFilename() });
  }
  return files;
}

test('a full round of use requests nothing outside the app and breaks no policy rule', { timeout: 90000 }, async () => {
  const { context, page, requests, errors } = await newApp();
  await page.goto(`${origin}/`);
  await page.waitForSelector('.card', { timeout: 30000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

  // Start from a template, then build on it.
  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  await page.getByRole('menuitem', { name: /\(Retail banking\)/ }).click();
  await page.getByText(/Started from the template/).waitFor();
  const before = await page.locator('.card').count();

  await page.getByRole('button', { name: 'Add touchpoint', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('I ask the branch about overdrafts');
  await card(page, 'I ask the branch about overdrafts').waitFor();
  // Enter in a field submits the inspector's form: the app keeps it in the page
  // (form-action 'none' would report it otherwise).
  await page.getByLabel('Name', { exact: true }).press('Enter');
  await page.getByLabel('Brand promise', { exact: true }).fill('Straight answers, no small print');
  await page.getByLabel('Emotion').selectOption('-1');
  await page.getByLabel('Moment of truth').check();
  await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, before + 1);

  // Connect it to another card.
  const added = card(page, 'I ask the branch about overdrafts');
  const edges = await page.locator('.edge-layer > .edge').count();
  await added.click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.locator('.card').first().click();
  await page.waitForFunction((n) => document.querySelectorAll('.edge-layer > .edge').length === n + 1, edges);

  // Insights, and a tint by one of its measures.
  await page.getByRole('tab', { name: 'Insights' }).click();
  await page.getByLabel('Score summary').waitFor();
  const finding = page.locator('button.finding:not([disabled])').first();
  if (await finding.count()) await finding.click();
  await page.getByLabel('Tint cards by').selectOption({ index: 1 });

  // Every export, and the journey file.
  const exported = await exportAll(page);
  const save = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file', exact: true }).click();
  await (await save).saveAs(join(SHOTS, 'requests-saved.json'));

  // Open the exports that Throughline reads back in.
  const title = (await page.locator('h1').innerText()).replace(/\s*(As-is|To-be)\s*$/, '');
  for (const ext of ['.json', '.csv', '.mmd']) {
    const file = exported.find((f) => f.name.endsWith(ext) && !/Excel/.test(f.label));
    assert.ok(file, `an export ends in ${ext}`);
    await page.getByRole('button', { name: 'New journey', exact: true }).click();
    await page.getByRole('menuitem', { name: /Blank journey/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 0);
    await page.locator('input[type=file]').setInputFiles(file.path);
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, before + 1, { timeout: 10000 });
    await card(page, 'I ask the branch about overdrafts').waitFor();
    if (ext === '.json') assert.match(await page.locator('h1').innerText(), new RegExp(title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }

  // What the page saw so far (a reload starts the records again).
  const violations = await page.evaluate(() => window.__violations);
  const blobs = new Set(await page.evaluate(() => window.__blobs));

  // A reload now comes from the offline copy. (What journey it reopens is storage's business,
  // tests/e2e/storage.test.mjs: here the app only has to start.)
  await page.reload();
  await page.waitForSelector('h1.journey-title', { timeout: 30000 });
  violations.push(...(await page.evaluate(() => window.__violations)));
  await page.screenshot({ path: join(SHOTS, 'requests-round.png') });
  await context.close();

  const lines = [
    `# Every request of a full round of use (tests/e2e/requests.test.mjs), app origin ${origin}`,
    '# Browser side: METHOD URL resource-type made-by answer',
    ...requests.map((r) => `${r.method} ${r.url.replace(origin, '')} ${r.type} ${r.from} ${r.answer}`),
    '# Server side (what reached the loopback server): METHOD URL status',
    ...served,
    '# CSP violations',
    ...violations,
  ];
  await writeFile(join(SHOTS, 'requests.log'), `${lines.join('\n')}\n`);

  // blob: only for the downloads the app made itself; nothing from any other origin.
  const outside = requests.filter((r) => {
    if (r.url.startsWith('blob:')) return !blobs.has(r.url);
    return new URL(r.url).origin !== origin;
  });
  assert.deepEqual(outside, [], 'every request goes to the app\'s own origin');
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  assert.deepEqual(errors, [], 'no console or page error');
  assert.ok(exported.length >= 8 && blobs.size >= exported.length, 'each download was a blob the app made');
  assert.ok(requests.some((r) => r.from === 'service-worker'), 'the worker\'s own requests are recorded too');
  assert.ok(requests.some((r) => r.url.endsWith('.wasm')), 'the log holds the app\'s files');
});

test('the policy is enforced: no inline script, no eval, no other origin, no framing', { timeout: 90000 }, async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(meta, 'index.html carries its policy');
  const policy = meta[1];
  for (const directive of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", 'form-action']) {
    assert.ok(policy.includes(directive), `policy has ${directive}`);
  }
  assert.doesNotMatch(policy, /'unsafe-eval'|https?:|\*|data:|blob:/, 'no eval, no other origin, no data: or blob:');
  const loose = policy.split(';').map((d) => d.trim()).filter((d) => d.includes("'unsafe-inline'"));
  assert.deepEqual(loose, ["style-src-attr 'unsafe-inline'"], 'inline allowed only for style attributes');
  assert.doesNotMatch(html.replace(/<script\b[^>]*\bsrc=[^>]*><\/script>/g, ''), /<script/i, 'no inline script in the page');

  // The server sends the same policy as a header, plus what only a header can say.
  const response = await fetch(`${origin}/`);
  assert.equal(response.headers.get('content-security-policy'), `${policy}; frame-ancestors 'none'`);

  // Playwright's own evaluate() may eval whatever the policy says, so the probe is a script
  // the page loads from its own origin, as the app's code is; no worker, so the route answers.
  const { context, page } = await newApp({ serviceWorkers: 'block' });
  await context.route(`${origin}/csp-probe.js`, (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `
      const result = {};
      try { result.evalRan = eval('1 + 1') === 2; } catch (e) { result.evalRan = false; }
      try { result.functionRan = new Function('return 1')() === 1; } catch (e) { result.functionRan = false; }
      fetch('http://127.0.0.2:9/elsewhere').then(() => true, () => false).then((fetched) => {
        result.fetched = fetched;
        window.__probe = result;
      });`,
  }));
  await page.goto(`${origin}/`);
  await page.waitForSelector('.card', { timeout: 30000 });
  const outcome = await page.evaluate(async () => {
    const probe = document.createElement('script');
    probe.src = 'csp-probe.js';
    document.body.append(probe);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.body.append(img);
    while (!window.__probe) await new Promise((ok) => setTimeout(ok, 20));
    return { ...window.__probe, inlineRan: window.__inlineRan === true };
  });
  assert.deepEqual(outcome, { evalRan: false, functionRan: false, fetched: false, inlineRan: false });
  const violations = await page.evaluate(() => window.__violations.map((v) => v.split(' ')[0]));
  for (const directive of ['script-src-elem', 'script-src', 'connect-src', 'img-src']) {
    assert.ok(violations.includes(directive), `a ${directive} violation was reported: ${violations.join(', ')}`);
  }
  await context.close();
});
