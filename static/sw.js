// Throughline's service worker: keeps this build's own files so the app starts with no network.
//
// static/postbuild.mjs (a Trunk post_build hook) writes BUILD and FILES for each build: BUILD is
// a hash of every file the build serves, so a changed build has a new cache name and a new
// worker. A new worker installs beside the old one and waits: it takes over only when no tab
// runs the old build any more, or when a tab's user presses "Reload" on the update banner
// (boot.js), which sends SKIP_WAITING. Every file a tab loads comes from one cache, the cache of
// the worker that controls it, so no tab mixes two builds.

const BUILD = 'unbuilt';
const FILES = [];

const PREFIX = 'throughline-';
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'no-cache' asks the server every time, so a stale HTTP-cached copy cannot enter
      // a new build; a file the page has just loaded costs a 304, not a second download.
      await cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The first worker takes the tab that installed it, so that tab works offline too.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') {
    self.skipWaiting();
  } else if (type === 'BUILD' && event.ports[0]) {
    event.ports[0].postMessage({ build: BUILD });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is index.html; query strings do not make another page.
      const hit =
        request.mode === 'navigate'
          ? await cache.match('./index.html')
          : await cache.match(request, { ignoreSearch: true });
      return hit || fetch(request);
    })(),
  );
});
