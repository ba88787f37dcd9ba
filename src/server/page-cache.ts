import type { MiddlewareHandler } from 'hono';
import { BoundedMap } from '../util/bounded-map.ts';
import { RecentKeys } from '../util/recent-keys.ts';
import { cursorText } from './params.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The bytes of the page rendered for this request (renderPage sets it), for the page cache. */
    renderedPage: Uint8Array<ArrayBuffer>;
  }
}

interface CachedPage {
  at: number;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

/** Bytes a kept page costs besides its body: the entry, its key and its header record. */
const ENTRY_OVERHEAD = 1024;
const MAX_KEY_LENGTH = 300;

/** What a parameter's reader makes of a value: its one written form, absent, or not cacheable. */
type ParamValue = string | undefined | typeof UNCACHEABLE;
/** A value the route refuses (400, 404) or cannot mean: such a request is not cached at all. */
const UNCACHEABLE = null;

/** An outlet id as the catalog writes them; the route answers 404 for one it does not know. */
const OUTLET_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

interface CachedRoute {
  pattern: RegExp;
  /** The path in its one written form (country codes are case-insensitive). */
  path?: (path: string) => string;
  params: Record<string, (value: string) => ParamValue>;
}

/**
 * The query parameters each cached route reads, with the values it tells apart. Everything else
 * in a query string is left out of the cache key: the page does not depend on it, and a client
 * adding `?x=1`, `?x=2`… must not make the cache keep one more copy of the same page each time.
 * A value is kept in its one written form (a cursor as parseCursor reads it, a country code in
 * lower case), so spellings of one page share one entry.
 */
const ROUTES: readonly CachedRoute[] = [
  // Home: a selected story, by number (anything else selects nothing).
  { pattern: /^\/$/, params: { story: (v) => (/^\d{1,10}$/.test(v) ? String(Number(v)) : undefined) } },
  {
    pattern: /^\/countries\/[^/]+$/,
    path: (path) => path.toLowerCase(),
    params: {
      outlet: (v) => (v === '' ? undefined : OUTLET_ID.test(v) ? v : UNCACHEABLE),
      before: (v) => (v === '' ? undefined : (cursorText(v) ?? UNCACHEABLE)),
    },
  },
  { pattern: /^\/articles\/[^/]+$/, params: { original: (v) => (v === '1' ? '1' : undefined) } },
  { pattern: /^\/stories\/[^/]+$/, params: { version: (v) => v } },
  { pattern: /^\/(overlooked|sources)$/, params: {} },
  { pattern: /^\/feeds\/.+\.atom$/, params: {} },
];

/**
 * The cache key of a request: its path and the parameters its route reads, in a fixed order, or
 * undefined when the route is not cached, a value is one the route refuses, or the key is
 * implausibly long. Never a header: one client must not choose what another is served.
 */
export function pageCacheKey(path: string, query: URLSearchParams): string | undefined {
  const route = ROUTES.find(({ pattern }) => pattern.test(path));
  if (!route) return undefined;
  const kept: string[] = [];
  for (const name of Object.keys(route.params).sort()) {
    const raw = query.get(name); // the first value, as the route reads it
    const value = raw === null ? undefined : route.params[name]?.(raw);
    if (value === UNCACHEABLE) return undefined;
    if (value !== undefined) kept.push(`${name}=${encodeURIComponent(value)}`);
  }
  const written = route.path ? route.path(path) : path;
  const key = kept.length > 0 ? `${written}?${kept.join('&')}` : written;
  // Real keys are short (`/countries/de?outlet=dw&before=…`); a long one is a client's invention.
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/**
 * A few seconds of memory for rendered pages and feeds. Under load most requests are for the
 * same handful of pages (home, busy countries, the story of the day); serving them from memory
 * for `ttlMs` keeps the tail latency near the server's floor, and readers see new articles at most
 * `ttlMs` late. Status, search, the API and the image proxy are never cached here.
 *
 * Bounded in bytes (`maxBytes`, oldest out first), not in entries: pages differ in size a
 * thousandfold. Expired pages are dropped within a TTL even when no request comes to replace them.
 */
export function pageCache(options: {
  ttlMs: number;
  maxBytes: number;
}): MiddlewareHandler & { held(): { pages: number; bytes: number } } {
  // Bytes and a plain header record: @hono/node-server writes such a Response straight to the
  // socket, while an ArrayBuffer body went through a web stream (~3× the cost of a hit).
  const entries = new BoundedMap<string, CachedPage>(options.maxBytes, (page) => page.body.byteLength + ENTRY_OVERHEAD);
  const seen = new RecentKeys(32_768, options.ttlMs);
  let sweeping = false;
  // Entries are kept in the order they were stored, so the expired ones are at the front.
  const dropExpired = () => {
    sweeping = false;
    const now = Date.now();
    for (const [key, page] of entries) {
      if (now - page.at < options.ttlMs) break;
      entries.delete(key);
    }
    if (entries.size > 0) scheduleSweep();
  };
  const scheduleSweep = () => {
    if (sweeping) return;
    sweeping = true;
    setTimeout(dropExpired, options.ttlMs).unref();
  };
  const handler: MiddlewareHandler = async (c, next) => {
    if (options.ttlMs <= 0 || c.req.method !== 'GET') return next();
    const q = c.req.url.indexOf('?');
    const key = pageCacheKey(c.req.path, new URLSearchParams(q < 0 ? '' : c.req.url.slice(q + 1)));
    if (key === undefined) return next();
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < options.ttlMs) {
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
    if (hit) entries.delete(key);
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
    scheduleSweep();
  };
  return Object.assign(handler, {
    /** What the cache holds now: pages and their bytes (as weighed against `maxBytes`). */
    held: () => ({ pages: entries.size, bytes: entries.weight }),
  });
}
