// The peer, side by side, in the same browser: Mermaid (npm, its browser bundle served on
// loopback) rendering a `journey` diagram to SVG, and Throughline opening the same text as a
// file and showing it on its canvas.
//
//   node bench/peer.mjs DIST RUNS A.mmd B.mmd ... > figures.json
//
// Each run is a fresh page that has finished loading (Mermaid initialised; Throughline
// interactive, then left 1.5 s to settle), so both are timed from "here is the text" to "the
// picture is painted":
// - Mermaid: mermaid.render() called, its SVG put in the page, the next frame produced.
// - Throughline: the file chosen in Open file (the input's change event), the file read,
//   imported, and the frame showing every card produced.
import { readFileSync } from 'node:fs';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { launch, PROBES, INTERACTIVE_PROBE, interactive, summary } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [dist, runsArg, ...texts] = process.argv.slice(2);
const RUNS = Number(runsArg || 5);
const log = (...a) => console.error('   ', ...a);
const SETTLE_MS = 1500;

const app = await serve(dist, 0);
const appOrigin = `http://127.0.0.1:${app.address().port}`;
const mermaidServer = await serve(join(ROOT, 'node_modules', 'mermaid', 'dist'), 0);
const mermaidOrigin = `http://127.0.0.1:${mermaidServer.address().port}`;
const browser = await launch();

async function mermaidOnce(text) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addInitScript(PROBES);
  // Nothing but loopback.
  await context.route('**/*', (r) => (r.request().url().startsWith(`${mermaidOrigin}/`) ? r.fallback() : r.abort()));
  await context.route(`${mermaidOrigin}/bench.html`, (r) => r.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html><head><meta charset="utf-8"><title>Mermaid</title>'
      + '<script src="mermaid.min.js"></script></head><body><div id="host"></div></body></html>',
  }));
  const page = await context.newPage();
  await page.goto(`${mermaidOrigin}/bench.html`);
  const result = await page.evaluate(async (text) => {
    globalThis.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const t0 = performance.now();
    const { svg } = await globalThis.mermaid.render('journey-svg', text);
    document.getElementById('host').innerHTML = svg;
    const t1 = await window.__bench.painted();
    return { ms: t1 - t0, tasks: document.querySelectorAll('#host foreignObject div.task div.label').length };
  }, text);
  await context.close();
  return result;
}

async function throughlineOnce(name, text, tasks) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addInitScript(PROBES);
  await context.addInitScript(INTERACTIVE_PROBE);
  const page = await context.newPage();
  {
    const ready = interactive(page);
    await page.goto(`${appOrigin}/`);
    await ready;
  }
  // Settled, as Mermaid's page is once loaded: a first visit's deferred work (the service
  // worker caching every file when the page is idle, the sample's first save) is over before
  // someone opens a file. Timed at once after start-up it added about 40 ms (104 against 62 ms
  // for 50 tasks, 5 runs each).
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate((tasks) => {
    const b = window.__bench;
    const input = document.querySelector('input[type=file]');
    input.addEventListener('change', (e) => {
      const t0 = e.timeStamp;
      // The map says how many touchpoints it holds (a large one draws only the cards near
      // the view: src/ui/canvas.rs).
      b.until(document.body, { childList: true, subtree: true, attributes: true },
        () => document.querySelector('.canvas')?.dataset.touchpoints === String(tasks) && document.querySelector('.card'))
        .then(b.painted)
        .then((t) => { b.opened = t - t0; });
    }, { capture: true, once: true });
  }, tasks);
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => window.__bench.opened !== undefined, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__bench.opened);
  await context.close();
  return ms;
}

const figures = [];
for (const path of texts) {
  const text = readFileSync(path, 'utf8');
  // Every line after the first section that is not a section or a comment is a task.
  const lines = text.split('\n').map((l) => l.trim());
  const tasks = lines.slice(lines.findIndex((l) => l.startsWith('section ')))
    .filter((l) => l && !l.startsWith('section ') && !l.startsWith('%%')).length;
  const m = [];
  const t = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await mermaidOnce(text);
    if (r.tasks !== tasks) throw new Error(`Mermaid drew ${r.tasks} tasks of ${tasks}`);
    m.push(r.ms);
    t.push(await throughlineOnce(basename(path), text, tasks));
  }
  const [ms, ts] = [summary(m), summary(t)];
  log(`${tasks} tasks: Mermaid ${ms.median.toFixed(1)} ms, Throughline ${ts.median.toFixed(1)} ms`);
  figures.push({ name: `peer: Mermaid renders a journey of ${tasks} tasks to SVG`, stat: 'median', unit: 'ms', budget: null, samples: m });
  figures.push({ name: `peer: Throughline opens the same ${tasks} tasks onto its canvas`, stat: 'median', unit: 'ms', budget: null, samples: t, versus: { name: 'Mermaid', median: ms.median } });
}

await browser.close();
await Promise.all([app, mermaidServer].map((s) => new Promise((ok) => s.close(ok))));
console.log(JSON.stringify(figures));
