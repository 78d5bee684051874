// cloudhop service worker: one visit is enough to work offline, and a new release is taken
// whole or not at all.
//
// - Install: every file of this release (the list below, written into dist/sw.js by
//   scripts/release-manifest.mjs at build time, each with its SHA-256) is fetched past the
//   HTTP cache, checked against its hash, and put in a cache of its own,
//   `cloudhop-release-<id>`. A file that does not match (a server half-way through a
//   deploy) fails the install, which the browser retries later: a release cache is never
//   a mix.
// - Fetch: same-origin GETs are answered from this release's cache (a navigation to the
//   site gets this release's index.html), else from the network. So a page always runs
//   one release's html, js, wasm and css, online or offline.
// - Update: a new release's worker installs beside the running one and waits. The page
//   (register-sw.js) offers a reload; on "Reload" it asks the waiting worker to take over
//   (`skip-waiting`), the worker activates, deletes every other release's cache, and the
//   page reloads into the new release. Progress lives in localStorage, which no worker
//   touches.
// A build without the list (`trunk serve`) precaches nothing and serves from the network.

const RELEASE = { id: 'dev', files: [] }; // cloudhop:release (scripts/release-manifest.mjs)
const PREFIX = 'cloudhop-release-';
const CACHE = PREFIX + RELEASE.id;
const SCOPE = new URL(self.registration.scope);

/** The cache key of a file of this release (an absolute URL in the worker's scope). */
const keyOf = (path) => new URL(path, SCOPE).href;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  if (RELEASE.files.length === 0) return;
  const cache = await caches.open(CACHE);
  // Fetch everything first, then store: a failed or mismatched file leaves no half cache.
  const fetched = await Promise.all(
    RELEASE.files.map(async ({ path, sha256 }) => {
      const res = await fetch(new Request(keyOf(path), { cache: 'reload' }));
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      const body = await res.clone().arrayBuffer();
      const got = hex(await crypto.subtle.digest('SHA-256', body));
      if (got !== sha256) throw new Error(`${path}: not this release's file (sha256 ${got})`);
      return [path, res];
    }),
  );
  await Promise.all(fetched.map(([path, res]) => cache.put(keyOf(path), res)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache().catch(async (e) => {
      await caches.delete(CACHE);
      throw e;
    }),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys
          .filter((k) => k !== CACHE && (k.startsWith(PREFIX) || k === 'cloudhop-v1'))
          .map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

/** This release's copy of `req`, if it has one: a navigation in the scope is index.html. */
async function fromRelease(req) {
  if (RELEASE.files.length === 0) return undefined;
  const cache = await caches.open(CACHE);
  const url = new URL(req.url);
  url.search = '';
  url.hash = '';
  if (req.mode === 'navigate' && (url.href === SCOPE.href || url.href === keyOf('index.html'))) {
    return cache.match(keyOf('index.html'));
  }
  return cache.match(url.href);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(fromRelease(req).then((hit) => hit || fetch(req)));
});
