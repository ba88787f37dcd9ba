import { Hono } from 'hono';
import { logger } from '../config/log.ts';
import { articlesApi } from './api/articles.ts';
import { catalogApi } from './api/catalog.ts';
import { storiesApi } from './api/stories.ts';
import { arrivalOrder } from './arrival-order.ts';
import type { ServerContext } from './context.ts';
import { HttpError, jsonError } from './errors.ts';
import { imageProxy } from './image-proxy.ts';
import { openApiDocument } from './openapi.ts';
import { pageCache } from './page-cache.ts';
import { renderPage } from './render.tsx';
import { feedRoutes } from './routes/feeds.ts';
import { mediaRoutes } from './routes/media.ts';
import { pageRoutes } from './routes/pages.tsx';
import { staticRoutes } from './routes/static.ts';
import { storyRoutes } from './routes/stories.tsx';
import { rateLimit, securityHeaders } from './security.ts';

const log = logger('server');

/** The HTTP application: API routes, pages and feeds, mounted on one Hono app. */
export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();
  // First of all, requests start in the order they came, a few per turn of the event loop. Page
  // cache hits too: answered ahead of the queue, a stream of cheap hits kept the pages behind it
  // waiting (recent articles, nine in ten cached: p99 57 ms against 31-37 ms in the queue).
  app.use('*', arrivalOrder());
  // Then the page cache, before the headers: a page is stored with the security headers on it, so a
  // hit is answered as stored, without building a Headers object to add them again.
  app.use(
    '*',
    pageCache({
      ttlMs: ctx.config.int('MERIDIAN_PAGE_CACHE_MS'),
      maxBytes: ctx.config.int('MERIDIAN_PAGE_CACHE_MB') * 1024 * 1024,
    }),
  );
  app.use('*', securityHeaders());
  // The search page runs the same queries as /api/search: one budget per client for both.
  const apiLimit = rateLimit({
    perSecond: ctx.config.number('MERIDIAN_API_RATE'),
    burst: ctx.config.int('MERIDIAN_API_BURST'),
  });
  app.use('/api/*', apiLimit);
  app.use('/search', apiLimit);
  app.use(
    '/img',
    rateLimit({ perSecond: ctx.config.number('MERIDIAN_API_RATE'), burst: ctx.config.int('MERIDIAN_API_BURST') }),
  );

  app.get('/healthz', async (c) => {
    await ctx.store.ping();
    return c.json({
      status: 'ok',
      database: ctx.store.dialect,
      uptimeS: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    });
  });
  app.get('/openapi.json', (c) => c.json(openApiDocument));
  app.get('/img', (c) => imageProxy(c, ctx));
  app.route('/api', catalogApi(ctx));
  app.route('/api', articlesApi(ctx));
  app.route('/api', storiesApi(ctx));
  app.route('/', staticRoutes(ctx));
  app.route('/', mediaRoutes(ctx));
  app.route('/', feedRoutes(ctx));
  app.route('/', storyRoutes(ctx));
  app.route('/', pageRoutes(ctx));

  const wantsHtml = (path: string, accept: string | undefined) =>
    !path.startsWith('/api/') && /text\/html/.test(accept ?? '');
  const errorPage = (c: Parameters<Parameters<typeof app.notFound>[0]>[0], status: 400 | 404, message: string) =>
    renderPage(
      c,
      ctx,
      { title: status === 404 ? 'Not found' : 'Bad request' },
      <>
        <h1>{status === 404 ? 'Not found' : 'Bad request'}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Back to the world’s news</a>
        </p>
      </>,
      status,
    );
  app.notFound((c) =>
    wantsHtml(c.req.path, c.req.header('accept'))
      ? errorPage(c, 404, 'There is no page at this address.')
      : jsonError(c, 404, 'Not found'),
  );
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      if ((err.status === 404 || err.status === 400) && wantsHtml(c.req.path, c.req.header('accept')))
        return errorPage(c, err.status, err.message);
      return jsonError(c, err.status, err.message);
    }
    log.error('request failed', { path: c.req.path, err });
    return jsonError(c, 500, 'Internal error');
  });
  return app;
}
