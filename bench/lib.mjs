// What the browser benchmarks share: statistics, the browser (Debian's Chromium through
// playwright-core, the end-to-end tests' flags), and the in-page probes that time a change
// from the event that caused it to the frame that shows it.

export { launchChromium as launch } from '../tests/e2e/browser.mjs';

/// Headless Chromium produces frames at 60 Hz (requestAnimationFrame every 16.7 ms when the
/// page keeps up; --disable-frame-rate-limit does not lift that in headless mode, measured),
/// so a frame interval is a whole number of 16.7 ms vsyncs and "to the painted frame" includes
/// up to one vsync of waiting. The figures say so beside the budgets.
export const VSYNC_MS = 1000 / 60;

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/// Median, p95, fastest and slowest of a list of numbers.
export function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    min: s[0],
    max: s[s.length - 1],
  };
}

/// Runs before any script of every page: keeps the app's WebAssembly.Memory when the module
/// is instantiated (whatever loader the page uses), and defines the probes.
export const PROBES = () => {
  const bench = (window.__bench = { memories: [] });
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = async function (...args) {
      const result = await original.apply(this, args);
      const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
      const memory = instance?.exports?.memory;
      if (memory instanceof WebAssembly.Memory) bench.memories.push(memory);
      return result;
    };
  }
  /// The Event Timing API's entries: for a real (trusted) input event, the time from the
  /// event to the frame that shows its effect being presented, which includes the raster of
  /// that frame (the frame probe below cannot see raster: it ends when the main thread has
  /// painted). Chromium rounds durations to 8 ms and reports only those of 16 ms and more.
  bench.events = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.events.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16 });
  } catch {
    bench.events = null;
  }
  /// The presentation time of the `name` event that happened at `t0` (its timeStamp); null
  /// when there is no entry (under 16 ms, or Event Timing is missing).
  bench.presented = (name, t0) => {
    const e = bench.events?.find((x) => x.name === name && Math.abs(x.start - t0) < 1);
    return e ? e.duration : null;
  };
  /// For each key event at `downs[i]`, its Event Timing duration, or, when it has none
  /// (presented in under 16 ms, which the API does not report), the frame probe's time
  /// `frames[i]`: a lower bound, itself under 16 ms in that case.
  bench.presentedOr = (name, downs, frames) => downs.map((t, i) => bench.presented(name, t) ?? frames[i]);
  /// Resolves with performance.now() once the frame after now has been produced: a
  /// requestAnimationFrame callback, then a task queued from it, which runs after that
  /// frame's style, layout and paint.
  bench.painted = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => ok(performance.now());
        ch.port2.postMessage(0);
      }));
  /// Resolves when `test()` is true, checked on every DOM change under `root`.
  bench.until = (root, options, test) =>
    new Promise((ok) => {
      if (test()) return ok();
      const mo = new MutationObserver(() => {
        if (test()) {
          mo.disconnect();
          ok();
        }
      });
      mo.observe(root, options);
    });
};

/// Installed on pages whose start-up is timed: as soon as the first card is in the DOM, click
/// it (a bubbling click, as the app delegates events) and note when the frame showing it
/// selected has been produced. performance.now() counts from the navigation's start.
const INTERACTIVE_MESSAGE = '__bench_interactive';

/// Resolves once the INTERACTIVE_PROBE on `page` has seen the editor interactive. Listens
/// for the probe's console message, so nothing runs in the page while it starts.
export function interactive(page, timeout = 60000) {
  return page.waitForEvent('console', { predicate: (m) => m.text() === INTERACTIVE_MESSAGE, timeout });
}

export const INTERACTIVE_PROBE = () => {
  const INTERACTIVE_MESSAGE = '__bench_interactive';
  const bench = window.__bench;
  const mo = new MutationObserver(() => {
    const card = document.querySelector('.card');
    if (!card) return;
    mo.disconnect();
    bench.cardsAt = performance.now();
    bench.until(card, { attributes: true }, () => card.getAttribute('aria-selected') === 'true')
      .then(bench.painted)
      .then((t) => {
        // A large journey is drawn only near the visible part (src/ui/canvas.rs, WINDOW_ABOVE):
        // the map says how many touchpoints it holds.
        bench.cardCount = Number(document.querySelector('.canvas').dataset.touchpoints);
        bench.interactiveAt = t;
        // Tells the driver without it evaluating anything in the page: a waitForFunction
        // would inject and run Playwright's script (about 20 ms) in the middle of the start-up
        // it times.
        console.debug(INTERACTIVE_MESSAGE);
      });
    card.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window, button: 0 }));
  });
  mo.observe(document, { childList: true, subtree: true });
};
