import { Hono } from 'hono';
import { articleImageKey, outletLogoKey } from '../../store/repositories/images.ts';
import type { ServerContext } from '../context.ts';
import { NotFoundHttpError } from '../errors.ts';
import { parseMediaName } from '../media-url.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/media/<name>`: the stored copies of lead images and logos, from the database, so any web
 * process serves them wherever the worker that fetched them ran. A name whose version is not the
 * stored one is a 404: an address, once served, always means the same bytes.
 */
export function mediaRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.get('/media/:name', async (c) => {
    let wanted: ReturnType<typeof parseMediaName>;
    try {
      wanted = parseMediaName(c.req.param('name'));
    } catch {
      wanted = undefined; // a malformed %-escape
    }
    if (!wanted) throw new NotFoundHttpError();
    const key =
      wanted.kind === 'article' ? articleImageKey(wanted.articleId, wanted.variant) : outletLogoKey(wanted.outletId);
    const image = await ctx.store.images.get(key);
    if (!image || image.version !== wanted.version) throw new NotFoundHttpError();
    return c.body(image.bytes as unknown as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': image.type,
      'Content-Length': String(image.bytes.byteLength),
      'Cache-Control': IMMUTABLE,
    });
  });
  return app;
}
