import { Hono } from 'hono';
import { logger } from '../config/log.ts';
import { catalogApi } from './api/catalog.ts';
import type { ServerContext } from './context.ts';
import { HttpError, jsonError } from './errors.ts';

const log = logger('server');

/** The HTTP application: API routes, pages and feeds, mounted on one Hono app. */
export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    await ctx.store.articles.count();
    return c.json({
      status: 'ok',
      database: ctx.store.dialect,
      uptimeS: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    });
  });
  app.route('/api', catalogApi(ctx));

  app.notFound((c) => jsonError(c, 404, 'Not found'));
  app.onError((err, c) => {
    if (err instanceof HttpError) return jsonError(c, err.status, err.message);
    log.error('request failed', { path: c.req.path, err });
    return jsonError(c, 500, 'Internal error');
  });
  return app;
}
