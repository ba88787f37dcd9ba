import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { BoundedMap } from '../util/bounded-map.ts';

/**
 * A strict Content-Security-Policy: scripts and styles only from this origin (no inline script
 * or style), images from this origin (foreign images go through the proxy), no framing.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
  "worker-src 'self'",
].join('; ');

/** The headers every response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

declare module 'hono' {
  interface ContextVariableMap {
    /** The response was made with SECURITY_HEADERS already in its header record (renderPage). */
    secured: boolean;
  }
}

/**
 * Adds SECURITY_HEADERS to every response that does not carry them yet. Pages come with them in
 * a plain header record, which @hono/node-server writes as it is; touching such a response's
 * headers here would build a Headers object for each page only to copy it out again. A header a
 * route set itself is kept: the image proxy's `default-src 'none'` is stricter than the pages'.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.get('secured')) return;
    const headers = c.res.headers;
    for (const name in SECURITY_HEADERS) if (!headers.has(name)) headers.set(name, SECURITY_HEADERS[name] as string);
  };
}

/**
 * Token buckets per client address: `burst` requests at once, refilled at `perSecond`. Buckets
 * idle long enough to be full again are forgotten, so memory stays bounded.
 */
export function rateLimit(opts: { perSecond: number; burst: number; maxClients?: number }): MiddlewareHandler {
  const buckets = new BoundedMap<string, { tokens: number; at: number }>(opts.maxClients ?? 50_000);
  return async (c, next) => {
    let key = 'unknown';
    try {
      key = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // Not running on node:http (tests calling app.fetch): one shared bucket.
    }
    const now = Date.now();
    const b = buckets.refresh(key) ?? { tokens: opts.burst, at: now };
    b.tokens = Math.min(opts.burst, b.tokens + ((now - b.at) / 1000) * opts.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      const retry = Math.ceil((1 - b.tokens) / opts.perSecond);
      return c.json({ error: { status: 429, message: 'Too many requests' } }, 429, { 'Retry-After': String(retry) });
    }
    b.tokens -= 1;
    buckets.set(key, b);
    await next();
  };
}
