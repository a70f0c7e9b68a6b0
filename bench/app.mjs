// Throughline's own figures in headless Chromium: start-up (sample, and a large journey
// restored from storage), dragging a card, typing in the inspector, undo, and memory.
//
//   node bench/app.mjs DIST JOURNEY_1000.json RUNS > figures.json
//
// Prints a JSON list of figures: { name, stat, unit, budget, samples }. `stat` says which
// statistic the budget applies to (median or p95).
import { readFileSync } from 'node:fs';
import { serve } from '../scripts/static-server.mjs';
import { launch, PROBES, INTERACTIVE_PROBE, interactive, summary } from './lib.mjs';

const [dist, journeyPath, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 5);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES || 30);
const UNDOS = Number(process.env.BENCH_UNDOS || 10);
const VIEWPORT = { width: 1600, height: 900 };

/// The 1,000-touchpoint journey as the editor stores it: compact journey-file text under
/// throughline.v1.doc.<id>, listed in throughline.v1.index and named by throughline.v1.current
/// (src/ui/storage.rs).
const journeyText = JSON.stringify(JSON.parse(readFileSync(journeyPath, 'utf8')));
const journeyTitle = JSON.parse(journeyText).journey.title;
const journeyCards = JSON.parse(journeyText).journey.touchpoints.length;
const DOC_ID = '00000000b0a7c0de';

const server = await serve(dist, 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const log = (...a) => console.error('   ', ...a);

/// A fresh context (empty storage, cold cache) with the probes; the journey stored first when
/// asked. Navigates to the app and waits until it is interactive.
async function openApp({ stored = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(PROBES);
  await context.addInitScript(INTERACTIVE_PROBE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (stored) {
    // Someone with a journey in storage has been here before: open the app once (its files
    // are then in the HTTP cache, as on a return visit), leave it for a blank page of the
    // same origin (its pagehide save happens there), replace storage, and come back.
    {
      const ready = interactive(page);
      await page.goto(`${origin}/`);
      await ready;
    }
    await context.route(`${origin}/__bench_seed.html`, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
    await page.goto(`${origin}/__bench_seed.html`);
    await page.evaluate(([id, title, text]) => {
      localStorage.clear();
      localStorage.setItem(`throughline.v1.doc.${id}`, text);
      localStorage.setItem('throughline.v1.index', JSON.stringify([{ id, title, saved: Date.now() }]));
      localStorage.setItem('throughline.v1.current', id);
    }, [DOC_ID, journeyTitle, journeyText]);
  }
  {
    const ready = interactive(page);
    await page.goto(`${origin}/`);
    await ready;
  }
  const at = await page.evaluate(() => ({ interactive: window.__bench.interactiveAt, cards: window.__bench.cardsAt, count: window.__bench.cardCount }));
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { context, page, at };
}

const figures = [];
function figure(name, stat, budget, samples, unit = 'ms') {
  figures.push({ name, stat, unit, budget, samples });
  const s = summary(samples);
  log(`${name}: median ${s.median.toFixed(1)}, p95 ${s.p95.toFixed(1)} (${s.min.toFixed(1)}-${s.max.toFixed(1)}) ${unit}, n=${s.n}`);
}

// ---- start-up: the sample is what a first visit shows (nothing cached, empty storage) ----
{
  const interactive = [];
  const cards = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, at } = await openApp();
    if (at.count !== 21) throw new Error(`the sample should show 21 cards, saw ${at.count}`);
    interactive.push(at.interactive);
    cards.push(at.cards);
    await context.close();
  }
  figure('navigation to interactive editor, sample journey (first visit)', 'median', 300, interactive);
  figure('  of which: to cards in the DOM, sample journey', 'median', null, cards);
}

const stored = {
  interactive: [], cards: [], memory: [], jsHeap: [], wasm: [],
  drag: [], dragWork: [], key: [], keyFrame: [], keyDom: [], undo: [], undoFrame: [], undoDom: [],
};
for (let i = 0; i < RUNS; i++) {
  const { context, page, at } = await openApp({ stored: true });
  if (at.count !== journeyCards) throw new Error(`expected ${journeyCards} cards from storage, saw ${at.count}`);
  stored.interactive.push(at.interactive);
  stored.cards.push(at.cards);

  // ---- memory after loading: JS heap (after a collection) + the wasm linear memory ------
  await page.waitForTimeout(1000); // let the start-up settle (a save may follow the load)
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__bench.memories.reduce((n, m) => n + m.buffer.byteLength, 0));
  if (wasm === 0) throw new Error('the wasm memory was not captured');
  stored.jsHeap.push(heap / 1e6);
  stored.wasm.push(wasm / 1e6);
  stored.memory.push((heap + wasm) / 1e6);

  // ---- drag one card: the time of each frame that handled a pointer move ----------------
  const card = page.locator('.card').nth(3);
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  await page.evaluate(() => {
    const b = window.__bench;
    b.frames = [];
    b.ends = [];
    b.moves = [];
    b.recording = true;
    // Each frame's start (the rAF timestamp) and the end of its main-thread work (a task
    // queued from the rAF callback runs after the frame's style, layout and paint).
    const tick = (t) => {
      b.frames.push(t);
      const ch = new MessageChannel();
      ch.port1.onmessage = () => b.ends.push(performance.now());
      ch.port2.postMessage(0);
      if (b.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    b.onMove = (e) => b.moves.push(e.timeStamp);
    window.addEventListener('pointermove', b.onMove, true);
  });
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 400, y0 + 120, { steps: 80 });
  await page.mouse.move(x0 + 10, y0 + 10, { steps: 40 });
  const frames = await page.evaluate(async () => {
    const b = window.__bench;
    await b.painted();
    b.recording = false;
    window.removeEventListener('pointermove', b.onMove, true);
    // The frames that handled a pointer move: the interval to the next frame, and the
    // main-thread work from the frame's start to the end of its paint.
    const intervals = [];
    const work = [];
    for (let k = 0; k + 1 < b.frames.length; k++) {
      const [start, next] = [b.frames[k], b.frames[k + 1]];
      if (!b.moves.some((m) => m >= start && m < next)) continue;
      intervals.push(next - start);
      if (b.ends[k] !== undefined) work.push(b.ends[k] - start);
    }
    return { intervals, work, frames: b.frames.length, moves: b.moves.length, span: b.frames[b.frames.length - 1] - b.frames[0] };
  });
  await page.mouse.up();
  log(`drag: ${frames.moves} pointer moves, ${frames.frames} frames in ${frames.span.toFixed(0)} ms`);
  stored.drag.push(...frames.intervals);
  stored.dragWork.push(...frames.work);
  await page.waitForTimeout(500);

  // ---- keystroke in the inspector to the painted card -----------------------------------
  const target = page.locator('.card').nth(7);
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.keyboard.press('Enter'); // opens the focused card in the inspector
  const name = page.getByLabel('Name', { exact: true });
  await name.waitFor();
  await name.focus();
  await page.keyboard.press('End');
  const targetId = await target.getAttribute('data-touchpoint-id');
  await page.evaluate((id) => {
    const b = window.__bench;
    b.keyTimes = [];
    b.keyDom = [];
    b.keyDowns = [];
    document.addEventListener('keydown', (e) => b.keyDowns.push(e.timeStamp), true);
    document.addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      const card = document.querySelector(`.card[data-touchpoint-id="${id}"] .card-name`);
      const before = card.textContent;
      b.until(card, { childList: true, subtree: true, characterData: true }, () => card.textContent !== before)
        .then(() => b.keyDom.push(performance.now() - t0))
        .then(b.painted)
        .then((t) => b.keyTimes.push(t - t0));
    }, true);
  }, targetId);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let k = 0; k < KEYSTROKES; k++) {
    await page.keyboard.press(letters[k % letters.length]);
    await page.waitForFunction((n) => window.__bench.keyTimes.length >= n, k + 1, { timeout: 10000 });
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300); // Event Timing entries arrive after the frame is shown
  stored.keyFrame.push(...(await page.evaluate(() => window.__bench.keyTimes)));
  stored.key.push(...(await page.evaluate(() => window.__bench.presentedOr('keydown', window.__bench.keyDowns, window.__bench.keyTimes))));
  stored.keyDom.push(...(await page.evaluate(() => window.__bench.keyDom)));

  // ---- undo of one edit to the painted canvas ---------------------------------------------
  // The edit: move a card one stage to the right with the keyboard. Undo puts it back.
  // A drawn card that is not in the last stage, so ArrowRight can move it. (A large journey
  // is drawn only near the visible part, so "the 13th card" depends on where the map is.)
  const moverId = await page.evaluate(() => {
    const names = [...document.querySelectorAll('.stage-column .stage-name')].map((e) => e.textContent);
    const last = names[names.length - 1];
    const cards = [...document.querySelectorAll('.card')].filter((c) => c.dataset.stage !== last);
    return cards[Math.min(12, cards.length - 1)].dataset.touchpointId;
  });
  await page.evaluate((id) => {
    const b = window.__bench;
    b.undoTimes = [];
    b.undoDom = [];
    b.undoDowns = [];
    document.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey && (e.key === 'z' || e.key === 'Z'))) return;
      const t0 = e.timeStamp;
      b.undoDowns.push(t0);
      const card = document.querySelector(`.card[data-touchpoint-id="${id}"]`);
      const before = card.dataset.stage;
      b.until(card, { attributes: true, attributeFilter: ['data-stage'] }, () => card.dataset.stage !== before)
        .then(() => b.undoDom.push(performance.now() - t0))
        .then(b.painted)
        .then((t) => b.undoTimes.push(t - t0));
    }, true);
  }, moverId);
  for (let k = 0; k < UNDOS; k++) {
    const card = page.locator(`.card[data-touchpoint-id="${moverId}"]`);
    const stage = await card.getAttribute('data-stage');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(([id, s]) => document.querySelector(`.card[data-touchpoint-id="${id}"]`).dataset.stage !== s,
      [moverId, stage], { timeout: 10000 });
    await page.waitForTimeout(600); // past the save after the edit
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => window.__bench.undoTimes.length >= n, k + 1, { timeout: 10000 });
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(300);
  stored.undoFrame.push(...(await page.evaluate(() => window.__bench.undoTimes)));
  stored.undo.push(...(await page.evaluate(() => window.__bench.presentedOr('keydown', window.__bench.undoDowns, window.__bench.undoTimes))));
  stored.undoDom.push(...(await page.evaluate(() => window.__bench.undoDom)));
  await context.close();
  log(`run ${i + 1}/${RUNS} with ${journeyCards} touchpoints done`);
}

const n = journeyCards.toLocaleString('en');
figure(`navigation to interactive editor, ${n} touchpoints restored from storage (return visit)`, 'median', 800, stored.interactive);
figure(`  of which: to cards in the DOM, ${n} touchpoints`, 'median', null, stored.cards);
// 60 Hz frames: an interval on time is 16.7 ms, so the budget "p95 under 16 ms" is read as
// "p95 within one vsync" (under 17 ms); the main-thread work per frame is shown beside it.
figure(`drag one card, ${n} touchpoints: frame interval (rAF)`, 'p95', 17, stored.drag);
figure(`  of which: main-thread work per frame while dragging`, 'p95', 16, stored.dragWork);
// "Painted" is the frame presented on screen (Event Timing, which includes the frame's
// raster); the frame probe's figure (main thread done painting) and the DOM change are shown
// beneath it to say where the time goes.
figure(`keystroke in the inspector to card presented (Event Timing), ${n} touchpoints`, 'p95', 16, stored.key);
figure(`  of which: keystroke to the frame painted on the main thread`, 'p95', null, stored.keyFrame);
figure(`  of which: keystroke to card text changed in the DOM`, 'p95', null, stored.keyDom);
figure(`undo of one edit to canvas presented (Event Timing), ${n} touchpoints`, 'median', 16, stored.undo);
figure(`  of which: undo key to the frame painted on the main thread`, 'median', null, stored.undoFrame);
figure(`  of which: undo key to canvas changed in the DOM`, 'median', null, stored.undoDom);
figure(`memory after loading ${n} touchpoints (JS heap + wasm)`, 'median', 60, stored.memory, 'MB');
figure(`  of which: JS heap after GC`, 'median', null, stored.jsHeap, 'MB');
figure(`  of which: wasm linear memory`, 'median', null, stored.wasm, 'MB');

await browser.close();
await new Promise((ok) => server.close(ok));
console.log(JSON.stringify(figures));
