/// <reference lib="webworker" />
/**
 * Service worker: hashed assets are cached forever (their names change with their content);
 * pages are fetched from the network first and kept, so an article opened once stays readable
 * offline. Only same-origin GET requests are touched.
 */
declare const self: ServiceWorkerGlobalScope;

const PAGES = 'meridian-pages-v1';
const ASSETS = 'meridian-assets-v1';
const MAX_PAGES = 200;

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function trim(cache: Cache): Promise<void> {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(key);
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      await trim(cache);
    }
    return response;
  } catch {
    const cached = await cache.match(request);
    if (cached) return cached;
    return new Response(
      '<!doctype html><title>Offline</title><h1>You are offline</h1><p>This page was not saved for offline reading.</p>',
      {
        status: 503,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      },
    );
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Flags are few and named by content; stored images are left to the HTTP cache, being many.
  if (/^\/(assets|flags)\/|^\/img/.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (
    request.mode === 'navigate' &&
    (url.pathname.startsWith('/articles/') || url.pathname.startsWith('/stories/') || url.pathname === '/')
  ) {
    event.respondWith(networkFirst(request));
  }
});
