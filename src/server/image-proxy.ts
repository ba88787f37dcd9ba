import type { Context } from 'hono';
import { logger } from '../config/log.ts';
import { webUrl } from '../net/web-url.ts';
import type { ServerContext } from './context.ts';

const log = logger('image-proxy');

/** Raster types only: SVG can carry script, so it is never proxied. */
const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);
const MAX_BYTES = 8 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** Magic numbers, so a page served as image/jpeg that is really HTML is refused. */
function sniff(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /avi[fs]/.test(ascii(8, 12))) return 'image/avif';
  return undefined;
}

/**
 * `/img?u=URL&s=SIGNATURE`: fetches a foreign image through `net` (SSRF guard, timeouts, size
 * cap), checks that it is a raster image by its bytes, and serves it from our origin with a long
 * cache lifetime, so readers' browsers never call the outlets' hosts.
 */
export async function imageProxy(c: Context, ctx: ServerContext) {
  const url = c.req.query('u') ?? '';
  const sig = c.req.query('s') ?? '';
  if (url.length > 2048 || !webUrl(url) || !ctx.images.verify(url, sig)) {
    return c.text('Invalid image address', 400);
  }
  const abort = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const img = await ctx.fetchImage(url, abort);
    if (img.status !== 200) return c.text('Image unavailable', 502);
    if (img.body.byteLength > MAX_BYTES) return c.text('Image too large', 502);
    const type = sniff(img.body);
    if (!type || !ALLOWED.has(type)) return c.text('Not a supported image', 415);
    return c.body(img.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=604800, immutable',
      // Strictest: the image is shown, nothing in it or around it runs, loads or frames it.
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    });
  } catch (err) {
    log.debug('image fetch failed', { url, err });
    return c.text('Image unavailable', 502);
  }
}
