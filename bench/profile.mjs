// Where the main thread's time goes in the gestures bench/app.mjs times, from a Chromium
// performance trace (CDP Tracing, the DevTools timeline categories): start-up with a stored
// journey, a drag, typing in the inspector, an undo. For finding causes, not for budgets.
//
//   node bench/profile.mjs DIST JOURNEY.json [TRACE_DIR]
//
// Prints, per gesture, the main thread's time by kind of work (script, style, layout,
// paint, ...); with TRACE_DIR, also writes each trace as JSON that Chromium's DevTools
// (Performance panel, "Load profile") opens. Add ?names to read wasm function names when the
// build keeps them (see docs/performance.md).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../scripts/static-server.mjs';
import { launch, PROBES, INTERACTIVE_PROBE, interactive } from './lib.mjs';

const [dist, journeyPath, traceDir] = process.argv.slice(2);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink.user_timing', 'loading', 'cc', 'viz', 'gpu', 'benchmark'];
const journeyText = JSON.stringify(JSON.parse(readFileSync(journeyPath, 'utf8')));
const title = JSON.parse(journeyText).journey.title;
const server = await serve(dist, 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
await context.addInitScript(PROBES);
await context.addInitScript(INTERACTIVE_PROBE);
await context.route(`${origin}/__bench_seed.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html>' }));
const page = await context.newPage();
const cdp = await context.newCDPSession(page);

await trace('start-up, first visit, sample journey', async () => {
  {
    const ready = interactive(page);
    await page.goto(`${origin}/`);
    await ready;
  }
  await page.waitForTimeout(500);
});
await page.goto(`${origin}/__bench_seed.html`);
await page.evaluate(([title, text]) => {
  localStorage.setItem('throughline.v1.doc.00000000b0a7c0de', text);
  localStorage.setItem('throughline.v1.index', JSON.stringify([{ id: '00000000b0a7c0de', title, saved: 0 }]));
  localStorage.setItem('throughline.v1.current', '00000000b0a7c0de');
}, [title, journeyText]);


/// With PROFILE_CPU=1: V8's sampling profiler instead of the trace, self time by function.
/// WebAssembly functions are named only when the build keeps its name section (the release
/// build's wasm-opt drops it; the wasm-bindgen output in target/wasm-bindgen/release keeps
/// it and can stand in for the dist's wasm, with the integrity attributes removed).
async function cpu(label, action) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) || 0) + (profile.timeDeltas[i] || 0));
  }
  const self = new Map();
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName || `(${node.callFrame.url.split('/').pop() || 'anonymous'})`;
    self.set(name, (self.get(name) || 0) + (dt.get(node.id) || 0));
  }
  const total = [...self].filter(([n]) => n !== '(idle)' && n !== '(program)').reduce((a, [, v]) => a + v, 0);
  console.log(`\n${label}: ${(total / 1000).toFixed(0)} ms sampled (not idle)`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    if (us >= 2000) console.log(`  ${(us / 1000).toFixed(1).padStart(9)} ms  ${name.slice(0, 140)}`);
  }
}

async function trace(label, action) {
  if (process.env.PROFILE_CPU) return cpu(label, action);
  const events = [];
  const onData = (d) => events.push(...d.value);
  cdp.on('Tracing.dataCollected', onData);
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  await action();
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  if (traceDir) {
    mkdirSync(traceDir, { recursive: true });
    writeFileSync(join(traceDir, `${label.replace(/\W+/g, '-')}.json`), JSON.stringify({ traceEvents: events }));
  }
  summarise(label, events);
}

/// Self time of the renderer main thread's events, by name: each complete event's duration
/// minus its children's, so nested work is counted once.
function summarise(label, events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'));
  const pid = main?.pid;
  const tid = main?.tid;
  const spans = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of spans) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) || 0) - e.dur);
    self.set(e.name, (self.get(e.name) || 0) + e.dur);
    stack.push(e);
  }
  const top = spans.filter((e) => e.name === 'RunTask');
  const busy = top.reduce((n, e) => n + e.dur, 0) / 1000;
  const longest = top.map((e) => e.dur / 1000).sort((a, b) => b - a).slice(0, 5);
  console.log(`\n${label}: main thread busy ${busy.toFixed(0)} ms; longest tasks ${longest.map((x) => x.toFixed(0)).join(', ')} ms`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    if (us / 1000 >= 1) console.log(`  ${(us / 1000).toFixed(1).padStart(9)} ms  ${name}`);
  }
  // Every thread's busy time (top-level events only): raster and compositing happen off the
  // main thread.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const per = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!per.has(k)) per.set(k, []);
    per.get(k).push(e);
  }
  const threads = [];
  for (const [k, es] of per) {
    es.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = 0;
    let sum = 0;
    for (const e of es) if (e.ts >= end) { sum += e.dur; end = e.ts + e.dur; }
    threads.push([names.get(k) || k, sum / 1000]);
  }
  console.log('  threads: ' + threads.filter(([, ms]) => ms >= 5).sort((a, b) => b[1] - a[1])
    .map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', '));
}

await trace('start-up, 1,000 touchpoints from storage', async () => {
  {
    const ready = interactive(page);
    await page.goto(`${origin}/`);
    await ready;
  }
  await page.waitForTimeout(1000);
});

const card = page.locator('.card').nth(3);
await card.scrollIntoViewIfNeeded(); // cards are not in document order on the map
const box = await card.boundingBox();
await trace('drag one card (120 pointer moves)', async () => {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 400, box.y + 120, { steps: 80 });
  await page.mouse.move(box.x + 10, box.y + 10, { steps: 40 });
});
await page.mouse.up();
await page.waitForTimeout(1000);

const target = page.locator('.card').nth(7);
await target.scrollIntoViewIfNeeded();
await target.click();
await page.keyboard.press('Enter');
const name = page.getByLabel('Name', { exact: true });
await name.waitFor();
await name.focus();
await page.keyboard.press('End');
await trace('typing 10 characters in the inspector', async () => {
  for (const c of 'abcdefghij') {
    await page.keyboard.press(c);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
});

const mover = page.locator('.card').nth(12);
await mover.scrollIntoViewIfNeeded();
await mover.focus();
await page.keyboard.press('ArrowRight');
await page.waitForTimeout(800);
await trace('one undo', async () => {
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(200);
});

await browser.close();
await new Promise((ok) => server.close(ok));
