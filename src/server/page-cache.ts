import type { MiddlewareHandler } from 'hono';
import { BoundedMap } from '../model/bounded-map.ts';
import { RecentKeys } from '../model/recent-keys.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The bytes of the page rendered for this request (renderPage sets it), for the page cache. */
    renderedPage: Uint8Array<ArrayBuffer>;
  }
}

/**
 * A few seconds of memory for rendered pages and feeds. Under load most requests are for the
 * same handful of pages (home, busy countries, the story of the day); serving them from memory
 * for `ttlMs` keeps the tail latency near the server's floor, and readers see new articles at most
 * `ttlMs` late. Status, search, the API and the image proxy are never cached here.
 */
export function pageCache(options: { ttlMs: number; maxEntries: number }): MiddlewareHandler {
  // Bytes and a plain header record: @hono/node-server writes such a Response straight to the
  // socket, while an ArrayBuffer body went through a web stream (~3× the cost of a hit).
  const entries = new BoundedMap<
    string,
    { at: number; status: number; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }
  >(options.maxEntries);
  const seen = new RecentKeys(options.maxEntries * 16, options.ttlMs);
  const cacheable = (path: string) =>
    path === '/' ||
    path === '/overlooked' ||
    path === '/sources' ||
    /^\/(countries|articles|stories)\/[^/]+$/.test(path) ||
    /^\/feeds\/.+\.atom$/.test(path);
  return async (c, next) => {
    if (options.ttlMs <= 0 || c.req.method !== 'GET' || !cacheable(c.req.path)) return next();
    const key = c.req.url.slice(c.req.url.indexOf(c.req.path));
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < options.ttlMs) {
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
    // Admission: a page is kept once asked for three times within the TTL, so the long tail of
    // articles read once or twice does not churn memory. Every page kept is bytes outside V8's
    // heap that only a full collection frees; on uniformly random article pages, admitting at
    // the second request kept one page in thirteen, and that flow of bytes alone set off a full
    // collection every few seconds ("external memory pressure"), each slowing every request in
    // flight. Popular pages are cached from their third request.
    const sightings = seen.see(key, now);
    await next();
    if (c.res.status !== 200 || sightings < 3) return;
    // A rendered page left its bytes on the context; reading them back from the response would
    // turn it into a web stream (on uniformly random article pages, one request in thirteen is
    // admitted and that read was most of the cache's cost). Feeds are read back once.
    let body = c.get('renderedPage');
    const headers = Object.fromEntries(c.res.headers.entries());
    if (!body) {
      body = new Uint8Array(await c.res.arrayBuffer());
      c.res = new Response(body, { status: 200, headers });
    }
    entries.delete(key);
    entries.set(key, { at: now, status: 200, headers, body });
  };
}
