import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { BoundedMap } from '../model/bounded-map.ts';

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

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
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
