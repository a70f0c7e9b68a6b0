// Throughline's boot script: the page's only script, loaded from a file so the
// Content-Security-Policy can forbid inline script. It
//   1. starts the app: imports the wasm-bindgen glue and the wasm that Trunk names in
//      <meta name="throughline-js"> and <meta name="throughline-wasm"> (Trunk.toml's
//      pattern_script writes them, with the hashed file names of this build);
//   2. registers the service worker (sw.js) that keeps the app's own files for offline use;
//   3. when a newer build is waiting, offers "A new version is ready — Reload" in a small banner.
//      It never reloads a tab by itself: a tab keeps the version it started with until the user
//      asks, so one tab never mixes two builds.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');

function showLoadFailure(error) {
  const box = document.getElementById('loading');
  if (box) {
    box.textContent = navigator.onLine
      ? 'Throughline could not start in this browser. It needs WebAssembly.'
      : 'Throughline could not start: this browser is offline and has not kept a copy yet. Open it once while online.';
    box.setAttribute('role', 'alert');
  }
  console.error('Throughline did not start:', error);
}

async function startApp() {
  const js = meta('throughline-js');
  const wasm = meta('throughline-wasm');
  if (!js || !wasm) {
    throw new Error('index.html names no wasm (Trunk.toml pattern_script)');
  }
  const bindings = await import(new URL(js, document.baseURI).href);
  const instance = await bindings.default({ module_or_path: new URL(wasm, document.baseURI) });
  // Kept from Trunk's own loader: benchmarks and tools reach the exports here, and
  // TrunkApplicationStarted tells them the app is running.
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
}

// ---- the update banner (plain DOM, outside Yew) ----

const BANNER_ID = 'update-banner';

function showBanner(message, onReload) {
  let banner = document.getElementById(BANNER_ID);
  if (!banner) {
    banner = document.createElement('div');
    banner.id = BANNER_ID;
    banner.className = 'update-banner';
    // A status, not an alert: it must not interrupt someone typing; screen readers read it
    // when they are idle. Focus is not moved; the buttons are reachable with Tab.
    banner.setAttribute('role', 'status');
    banner.setAttribute('aria-live', 'polite');
    document.body.appendChild(banner);
  }
  banner.replaceChildren();
  const text = document.createElement('span');
  text.className = 'update-banner-text';
  text.textContent = message;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'update-banner-reload';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => {
    reload.disabled = true;
    onReload();
  });
  const later = document.createElement('button');
  later.type = 'button';
  later.className = 'update-banner-later';
  later.textContent = 'Later';
  later.setAttribute('aria-label', 'Later: keep this version for now');
  later.addEventListener('click', () => banner.remove());
  banner.append(text, reload, later);
  banner.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') banner.remove();
  });
}

// ---- the service worker ----

async function registerWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const build = meta('throughline-build') || '';
  if (!build || build.startsWith('debug')) {
    // `trunk serve` debug builds change on every save: no offline copy for them.
    return;
  }
  const sw = navigator.serviceWorker;
  // Whether a worker controlled this tab before. The first worker claims an uncontrolled tab
  // that already runs its own build: that is not an update and needs no banner.
  let hadController = Boolean(sw.controller);
  let reloadRequested = false;

  sw.addEventListener('controllerchange', () => {
    if (reloadRequested) {
      // This tab asked for the new version: load it now, whole.
      window.location.reload();
      return;
    }
    if (hadController) {
      // Another tab took the new version. This tab keeps running the build it started with
      // (its files are all loaded) until the user reloads it.
      showBanner(
        'Throughline was updated in another tab. This tab still runs the older version.',
        () => window.location.reload(),
      );
    }
    hadController = true;
  });

  const registration = await sw.register('./sw.js', { scope: './', updateViaCache: 'none' });

  const offer = (worker) => {
    showBanner('A new version of Throughline is ready.', () => {
      reloadRequested = true;
      // The waiting worker takes over (sw.js: skipWaiting); controllerchange then reloads.
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
  };
  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      // Installed while another worker is active: an update waiting for this tab's consent.
      if (worker.state === 'installed' && sw.controller) offer(worker);
    };
    worker.addEventListener('statechange', check);
    check();
  };
  if (registration.waiting && sw.controller) offer(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));

  // A tab left open for days still hears of a new build: check when it comes back into view.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

try {
  await startApp();
} catch (error) {
  showLoadFailure(error);
}
// The offline copy is made once the page is idle: installing the worker revalidates every
// file of the build, which would otherwise compete with the first render and the first click
// (docs/performance.md).
const whenIdle = window.requestIdleCallback || ((run) => setTimeout(run, 1000));
whenIdle(() => registerWorker().catch((error) => console.warn('Throughline: no offline copy:', error)),
  { timeout: 3000 });
